/** The tags of an Accept-Language header, most preferred first (q=0 left out). */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => ({ tag: part.split(';')[0]!.trim(), q: Number(/;\s*q=([\d.]+)/.exec(part)?.[1] ?? 1) }))
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((entry) => entry.tag);
}
