/**
 * Text the database stores byte for byte: PostgreSQL refuses a NUL character in text and jsonb,
 * and a lone UTF-16 surrogate (not well-formed Unicode) has no UTF-8 form, so the driver would
 * silently replace it. Such strings are refused at the edge instead (DESIGN invariant 3).
 */

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding the NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this string cannot be stored as it is, or null when it can. */
export function unstorableText(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'contains a NUL character' : 'contains a lone UTF-16 surrogate (not well-formed Unicode)';
}

/** The first string (value or key) in a JSON value that cannot be stored, with its path; null when all can. */
export function firstUnstorable(value: unknown, path: readonly (string | number)[] = []): { path: string; message: string } | null {
  if (typeof value === 'string') {
    const why = unstorableText(value);
    return why ? { path: path.join('.'), message: why } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstUnstorable(value[i], [...path, i]);
      if (bad) return bad;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const why = unstorableText(k);
      if (why) return { path: [...path, '(key)'].join('.'), message: why };
      const bad = firstUnstorable(v, [...path, k]);
      if (bad) return bad;
    }
  }
  return null;
}
