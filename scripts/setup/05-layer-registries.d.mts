export function layerFolders(dir?: string): string[];
export function generate(dir?: string): Record<string, string>;
export default function writeLayerRegistries(): Promise<void>;
