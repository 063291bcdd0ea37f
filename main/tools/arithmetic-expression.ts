/**
 * A calculator for the `calculator` tool: numbers (`12`, `3.5`, `.5`, `1e-3`), `+ - * / % ^`,
 * parentheses and unary minus or plus, evaluated by a small recursive-descent parser. A model's
 * text never reaches `eval` or `Function`.
 *
 * Precedence, loosest first: `+ -`, then `* / %`, then unary sign, then `^` (right-associative),
 * so `-2^2` is -4 and `2^3^2` is 512, as in mathematics.
 */

export class ArithmeticError extends Error {
  override readonly name = 'ArithmeticError';
}

export const maxExpressionLength = 1000;
/** Deep enough for any real expression, shallow enough that recursion cannot exhaust the stack. */
export const maxNestingDepth = 64;

type Token = { kind: 'number'; value: number; at: number } | { kind: 'operator'; value: string; at: number } | { kind: 'end'; at: number };

const numberPattern = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (/\s/.test(char)) {
      at += 1;
    } else if ('+-*/%^()'.includes(char)) {
      tokens.push({ kind: 'operator', value: char, at });
      at += 1;
    } else {
      const match = numberPattern.exec(text.slice(at));
      if (match === null) throw new ArithmeticError(`unexpected "${char}" at position ${at + 1}`);
      tokens.push({ kind: 'number', value: Number(match[0]), at });
      at += match[0].length;
    }
  }
  tokens.push({ kind: 'end', at });
  return tokens;
}

class Parser {
  private position = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): number {
    const value = this.sum();
    const next = this.peek();
    if (next.kind !== 'end') throw new ArithmeticError(`unexpected ${describe(next)}`);
    return value;
  }

  private sum(): number {
    let value = this.product();
    for (let op = this.operator('+', '-'); op !== null; op = this.operator('+', '-')) {
      const right = this.product();
      value = op === '+' ? value + right : value - right;
    }
    return value;
  }

  private product(): number {
    let value = this.unary();
    for (let op = this.operator('*', '/', '%'); op !== null; op = this.operator('*', '/', '%')) {
      const right = this.unary();
      if ((op === '/' || op === '%') && right === 0) throw new ArithmeticError(op === '/' ? 'division by zero' : 'remainder of a division by zero');
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
    return value;
  }

  private unary(): number {
    const sign = this.operator('-', '+');
    if (sign === null) return this.power();
    return this.nested(() => (sign === '-' ? -this.unary() : this.unary()));
  }

  private power(): number {
    const base = this.primary();
    if (this.operator('^') === null) return base;
    // The exponent may carry its own sign: 2^-1.
    const exponent = this.nested(() => this.unary());
    if (base === 0 && exponent < 0) throw new ArithmeticError('division by zero');
    return base ** exponent;
  }

  private primary(): number {
    const token = this.next();
    if (token.kind === 'number') return token.value;
    if (token.kind === 'operator' && token.value === '(') {
      const value = this.nested(() => this.sum());
      const close = this.next();
      if (close.kind !== 'operator' || close.value !== ')') throw new ArithmeticError(`expected ")" but found ${describe(close)}`);
      return value;
    }
    throw new ArithmeticError(`expected a number or "(" but found ${describe(token)}`);
  }

  private nested(parse: () => number): number {
    this.depth += 1;
    if (this.depth > maxNestingDepth) throw new ArithmeticError(`the expression nests deeper than ${maxNestingDepth} levels`);
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  private operator(...accepted: string[]): string | null {
    const token = this.peek();
    if (token.kind !== 'operator' || !accepted.includes(token.value)) return null;
    this.position += 1;
    return token.value;
  }

  private peek(): Token {
    return this.tokens[this.position] ?? { kind: 'end', at: 0 };
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.position += 1;
    return token;
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the expression';
  return `"${token.value}" at position ${token.at + 1}`;
}

/** The value of `expression`; throws ArithmeticError for anything that is not a finite real result. */
export function evaluateArithmetic(expression: string): number {
  if (expression.length > maxExpressionLength) throw new ArithmeticError(`the expression is longer than ${maxExpressionLength} characters`);
  if (expression.trim() === '') throw new ArithmeticError('the expression is empty');
  const value = new Parser(tokenize(expression)).parse();
  if (Number.isNaN(value)) throw new ArithmeticError('the result is not a real number');
  if (!Number.isFinite(value)) throw new ArithmeticError('the result is too large');
  // -0 reads as a bug to a person; it is 0.
  return value === 0 ? 0 : value;
}

/**
 * The value as a person would write it: integers exactly while they are exact, anything else to
 * 15 significant digits, so 0.1 + 0.2 shows 0.3 rather than the binary rounding error.
 */
export function formatArithmeticResult(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}
