/**
 * The value a `<select>` reports, as one of the options it was given; undefined for anything else.
 * The DOM hands back a plain string, so this is where it becomes the option's own type again.
 */
export function chosenOption<T extends string>(options: readonly T[], value: string): T | undefined {
  return options.find((option) => option === value);
}
