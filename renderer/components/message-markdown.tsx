import { memo, useState } from 'react';
import type { ComponentProps, ReactNode } from 'react';
import Markdown from 'react-markdown';
import type { Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { markdownBlocks } from '../lib/markdown-blocks';

/*
 * A message's text as Markdown (GitHub's flavour: tables, task lists, strikethrough, autolinks),
 * code blocks highlighted with a copy button each. Raw HTML in a message is never rendered as
 * HTML (react-markdown leaves it out without a raw-HTML plugin), and its URL filter drops
 * `javascript:` and other unsafe links. Links open outside the app: a new tab without an opener
 * in a browser, the system browser in Electron (its window-open handler).
 */

const remarkPlugins: Options['remarkPlugins'] = [remarkGfm];
// Only blocks that name their language are highlighted: guessing costs a pass of every grammar.
const rehypePlugins: Options['rehypePlugins'] = [[rehypeHighlight, { detect: false }]];

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node !== null && typeof node === 'object' && 'props' in node) return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

function CodeBlock({ children }: ComponentProps<'pre'>) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard.writeText(textOf(children).replace(/\n$/, '')).then(
      () => {
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <div className="code-block">
      <button type="button" className="code-copy small" onClick={copy} aria-label="Copy code">
        {copied ? 'Copied' : 'Copy'}
      </button>
      <pre>{children}</pre>
    </div>
  );
}

function Link({ href, children }: ComponentProps<'a'>) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

const components: Options['components'] = { pre: CodeBlock, a: Link };

/** One top-level block, memoized on its text: a streamed answer re-parses only its growing last block. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { readonly text: string }) {
  return (
    <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {text}
    </Markdown>
  );
});

/** Memoized on the text: a finished message is parsed once. */
export const MessageMarkdown = memo(function MessageMarkdown({ text }: { readonly text: string }) {
  return (
    <div className="message-text markdown">
      {markdownBlocks(text).map((block, index) => (
        <MarkdownBlock key={index} text={block} />
      ))}
    </div>
  );
});
