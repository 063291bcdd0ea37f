/** A count with its noun in the right number: "1 person", "2 people", "0 projects". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${String(count)} ${count === 1 ? singular : plural}`;
}
