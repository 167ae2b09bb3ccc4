/** Ends a switch over a union: a new member fails to compile until every switch handles it. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
