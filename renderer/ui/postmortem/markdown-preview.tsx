import { memo } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Links open outside the app (the desktop app hands http(s) links to the system browser and blocks
 * navigation; the web opens a new tab). Raw HTML in the Markdown is not rendered: react-markdown escapes it.
 */
const COMPONENTS: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

const PLUGINS = [remarkGfm];

/** Markdown (GitHub flavour: tables, task lists) as React elements; the print area when exporting a PDF. */
export const MarkdownPreview = memo(function MarkdownPreview({
  markdown,
  label,
  print,
}: {
  markdown: string;
  label: string;
  /** This element is what a PDF export prints (the print style sheet hides everything else). */
  print?: boolean;
}) {
  return (
    <div className={`markdown${print ? ' print-area' : ''}`} role="document" aria-label={label}>
      <Markdown remarkPlugins={PLUGINS} components={COMPONENTS}>
        {markdown}
      </Markdown>
    </div>
  );
});
