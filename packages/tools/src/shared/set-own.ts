/**
 * Sets an own property even when the key is `__proto__`, which plain assignment would treat as the
 * object's prototype. Keys that come from graphs or data go through here.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
