import { describe, expect, it } from 'vitest';
import { ArithmeticError, evaluateArithmetic, formatArithmeticResult } from '../../../../main/tools/arithmetic-expression';

describe('evaluateArithmetic', () => {
  it.each([
    ['42', 42],
    ['3.5', 3.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    ['1 + 2', 3],
    ['7 - 10', -3],
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['7 / 2', 3.5],
    ['17 % 5', 2],
    ['-17 % 5', -2],
    ['2 + 10 % 4 * 3', 8],
    ['2 ^ 10', 1024],
    ['2 ^ 3 ^ 2', 512],
    ['(2 ^ 3) ^ 2', 64],
    ['2 * 3 ^ 2', 18],
    ['-2 ^ 2', -4],
    ['(-2) ^ 2', 4],
    ['2 ^ -1', 0.5],
    ['-3', -3],
    ['--3', 3],
    ['+3', 3],
    ['4 * -2', -8],
    ['-(1 + 2) * 3', -9],
    ['((((1))))', 1],
    ['  1\t+\n1  ', 2],
    ['0 * -1', 0],
    ['9 ^ 0.5', 3],
  ])('%s = %d', (expression, expected) => {
    expect(evaluateArithmetic(expression)).toBe(expected);
  });

  it.each([
    ['', 'the expression is empty'],
    ['   ', 'the expression is empty'],
    ['1 +', 'expected a number or "(" but found the end of the expression'],
    ['(1 + 2', 'expected ")" but found the end of the expression'],
    ['1 + 2)', 'unexpected ")" at position 6'],
    ['2 3', 'unexpected "3" at position 3'],
    ['* 2', 'expected a number or "(" but found "*" at position 1'],
    ['()', 'expected a number or "(" but found ")" at position 2'],
    ['1 + x', 'unexpected "x" at position 5'],
    ['Math.PI', 'unexpected "M" at position 1'],
    ['process.exit()', 'unexpected "p" at position 1'],
    ['1; 2', 'unexpected ";" at position 2'],
    ['2 ** 3', 'expected a number or "(" but found "*" at position 4'],
    ['1 / 0', 'division by zero'],
    ['1 / (2 - 2)', 'division by zero'],
    ['5 % 0', 'remainder of a division by zero'],
    ['0 ^ -1', 'division by zero'],
    ['10 ^ 400', 'the result is too large'],
    ['(-8) ^ 0.5', 'the result is not a real number'],
  ])('refuses %j: %s', (expression, message) => {
    expect(() => evaluateArithmetic(expression)).toThrow(new ArithmeticError(message));
  });

  it('refuses overlong and too deeply nested expressions without exhausting the stack', () => {
    expect(() => evaluateArithmetic('1+'.repeat(600) + '1')).toThrow(/longer than 1000 characters/);
    expect(() => evaluateArithmetic('('.repeat(100) + '1' + ')'.repeat(100))).toThrow(/nests deeper than 64 levels/);
    expect(() => evaluateArithmetic('-'.repeat(100) + '1')).toThrow(/nests deeper than 64 levels/);
    expect(() => evaluateArithmetic('2^'.repeat(100) + '1')).toThrow(/nests deeper than 64 levels/);
    expect(evaluateArithmetic('('.repeat(60) + '1' + ')'.repeat(60))).toBe(1);
  });

  it('formats results without binary rounding noise', () => {
    expect(formatArithmeticResult(evaluateArithmetic('0.1 + 0.2'))).toBe('0.3');
    expect(formatArithmeticResult(evaluateArithmetic('1 / 3'))).toBe('0.333333333333333');
    expect(formatArithmeticResult(evaluateArithmetic('1234567890123456 + 1'))).toBe('1234567890123457');
    expect(formatArithmeticResult(evaluateArithmetic('2 ^ 60'))).toBe('1152921504606850000');
    expect(formatArithmeticResult(evaluateArithmetic('-0'))).toBe('0');
  });
});
