/**
 * Whether `value` (parsed JSON) nests objects and arrays deeper than `max` levels. Iterative, so that a hostile body
 * thousands of levels deep is measured without recursing (a recursive validator would overflow the stack on it).
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}
