export default function setupDatabase(): Promise<void>;
