// The most frequent words of English chat, most frequent first, then work vocabulary.
const commonWords = `the to and a of i it is that you in for this we on be with have can not are
  but what so if do was at just my will they me as or about like think there get would one should
  know all up out no yes your from an how our when more need now see also here then could did some
  use make good time ok thanks which let because going work right want new look only maybe other
  any back very sure still them make change first same way again much well model data agent test
  run build release project meeting team review plan issue update deploy server client user error
  config prompt answer question result version branch merge fix bug feature design report budget
  customer launch deadline schedule draft document summary metric latency cache index query search
  training dataset benchmark evaluation token context window memory store sync offline online api`
  .split(/\s+/)
  .filter((word) => word !== '');

const syllables = `ka lo mi ne ru sa ti vo be da fe gi ho ju ke li ma no pe qua ri se tu va we xi yo
  zu bra cle dri fro gla pli sto tra ven mor tal ser gen lin dor pax rex ion ast ell orn ump ick`
  .split(/\s+/)
  .filter((syllable) => syllable !== '');

/**
 * A vocabulary with a Zipf-like frequency: a few words in almost every message, a long tail of
 * rare ones, as in real conversations. Sampling is a binary search over the cumulative weights.
 */
export class Vocabulary {
  readonly words: readonly string[];
  private readonly cumulative: Float64Array;

  constructor(random: () => number, size = 30_000, exponent = 1.05) {
    const words = [...new Set(commonWords)];
    const seen = new Set(words);
    while (words.length < size) {
      const count = 2 + Math.floor(random() * 3);
      let word = '';
      for (let i = 0; i < count; i += 1) word += syllables[Math.floor(random() * syllables.length)];
      if (!seen.has(word)) {
        seen.add(word);
        words.push(word);
      }
    }
    this.words = words;
    this.cumulative = new Float64Array(words.length);
    let total = 0;
    for (let rank = 0; rank < words.length; rank += 1) {
      total += 1 / (rank + 1) ** exponent;
      this.cumulative[rank] = total;
    }
  }

  sample(random: () => number): string {
    const target = random() * (this.cumulative[this.cumulative.length - 1] ?? 0);
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return this.words[low] ?? '';
  }

  /** A message of 3 to ~60 words, mostly short, with sentence punctuation. */
  sentence(random: () => number): string {
    const length = 3 + Math.floor(random() ** 2 * 57);
    const parts: string[] = [];
    for (let i = 0; i < length; i += 1) {
      let word = this.sample(random);
      if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
      parts.push(word);
      if (i < length - 1 && random() < 0.08) parts.push(random() < 0.5 ? ',' : '.');
    }
    return `${parts.join(' ').replace(/ ([,.])/g, '$1')}${random() < 0.2 ? '?' : '.'}`;
  }
}
