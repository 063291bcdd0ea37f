/**
 * Names, titles and paths are read by other people, who must see what is really there. Characters
 * that change how the text around them is shown without being seen themselves let one name pass
 * for another: a right-to-left override turns `invoice‮fdp.exe` into `invoiceexe.pdf`, and a
 * zero-width space makes a second `admin`. Those are refused; the ones a writing system needs
 * stay allowed where it needs them (a joiner inside an emoji sequence or between letters of a
 * script that joins, a variation selector after an emoji or an ideograph).
 */

/** Explicit direction marks, embeddings, overrides and isolates. */
const directionControl = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const formatCharacter = /\p{Cf}/u;

/**
 * Code point ranges that render as nothing besides the format characters: combining grapheme
 * joiner, Hangul and Khmer fillers, Mongolian and other variation selectors, line and paragraph
 * separators, the Braille blank. (Ranges, not a character class: several are combining marks.)
 */
const blankRanges: readonly (readonly [number, number])[] = [
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180d],
  [0x180f, 0x180f],
  [0x2028, 0x2029],
  [0x2800, 0x2800],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xffa0, 0xffa0],
  [0xe0100, 0xe01ef],
];

/** Format characters (zero-width spaces, joiners, word joiners, tags...) and blanks that render as nothing. */
function isInvisible(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return formatCharacter.test(character) || blankRanges.some(([from, to]) => code >= from && code <= to);
}

function inRange(character: string | undefined, from: number, to: number): boolean {
  const code = character?.codePointAt(0);
  return code !== undefined && code >= from && code <= to;
}

const zeroWidthNonJoiner = '\u200C';
const zeroWidthJoiner = '\u200D';
const blackFlag = '\u{1F3F4}';

/** Scripts whose letters change shape by joining, where a (non-)joiner between two letters is meaningful. */
const joiningLetter =
  /[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}\p{sc=Mongolian}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{sc=Myanmar}\p{sc=Khmer}]/u;
const pictograph = /\p{Extended_Pictographic}/u;
const emojiEnd = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
const emoji = /\p{Emoji}/u;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether an otherwise invisible character does a visible job where it stands. */
function needed(character: string, before: string | undefined, after: string | undefined): boolean {
  const test = (pattern: RegExp, value: string | undefined) => value !== undefined && pattern.test(value);
  if (character === zeroWidthJoiner && test(emojiEnd, before) && test(pictograph, after)) return true;
  if (character === zeroWidthJoiner || character === zeroWidthNonJoiner) return test(joiningLetter, before) && test(joiningLetter, after);
  if (inRange(character, 0xfe0e, 0xfe0f)) return test(emoji, before);
  // Subdivision flags (England, Scotland, Wales) are a black flag followed by tag characters.
  if (inRange(character, 0xe0020, 0xe007f)) return before === blackFlag || inRange(before, 0xe0020, 0xe007f);
  if (inRange(character, 0xe0100, 0xe01ef)) return test(/\p{sc=Han}/u, before);
  if (inRange(character, 0x180b, 0x180f)) return test(/\p{sc=Mongolian}/u, before);
  return false;
}

/** Whether the character at `index` is refused, and why. */
function hiddenKind(characters: readonly string[], index: number): 'direction' | 'invisible' | undefined {
  const character = characters[index] ?? '';
  if (directionControl.test(character)) return 'direction';
  return isInvisible(character) && !needed(character, characters[index - 1], characters[index + 1]) ? 'invisible' : undefined;
}

/**
 * What is wrong with `text` for a name, title or path, as the end of a sentence that starts with
 * the field's name, or `undefined` when nothing is. Expects NFC text: normalize first.
 */
export function invisibleTextProblem(text: string): string | undefined {
  const characters = [...text];
  for (const [index, character] of characters.entries()) {
    const kind = hiddenKind(characters, index);
    if (kind === undefined) continue;
    const where = `(${codePoint(character)} at character ${index + 1})`;
    return kind === 'direction'
      ? `must not contain text-direction controls, which make text read differently than it is stored ${where}`
      : `must not contain invisible characters, which make text look like something it is not ${where}`;
  }
  return undefined;
}

/**
 * `text` in NFC with every character `invisibleTextProblem` refuses replaced by U+FFFD, which
 * shows: for text stored before the rule, so that it meets the rule without losing its length.
 */
export function showHiddenCharacters(text: string): string {
  const characters = [...text.normalize('NFC')];
  return characters.map((character, index) => (hiddenKind(characters, index) === undefined ? character : '\uFFFD')).join('');
}
