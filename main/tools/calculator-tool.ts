import { z } from 'zod';
import { evaluateArithmetic, formatArithmeticResult, maxExpressionLength } from './arithmetic-expression';
import { defineTool } from './tool';
import type { Tool } from './tool';
import { builtInToolName } from '../../shared/domain/built-in-tools';

export const calculatorToolName = builtInToolName.calculator;

export const calculatorTool: Tool = defineTool({
  name: calculatorToolName,
  description:
    'Evaluates an arithmetic expression exactly. Supports numbers, + - * / % (remainder), ^ (power), parentheses and unary minus. Use it instead of doing arithmetic in your head.',
  schema: z.object({
    expression: z.string().min(1).max(maxExpressionLength).describe('The expression, for example "(12.5 + 7) * 3 ^ 2"'),
  }),
  run: async ({ expression }) => JSON.stringify({ expression, result: formatArithmeticResult(evaluateArithmetic(expression)) }),
});
