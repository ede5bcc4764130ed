import { z } from 'zod';

/** A plain file name to suggest (no folders): letters, digits, spaces and `._-`, with an extension. */
const fileNameSchema = z
  .string()
  .min(3)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*\.[A-Za-z0-9]{1,8}$/, 'must be a plain file name like postmortem-INC-4.md');

export const FILE_KINDS = {
  markdown: { extension: 'md', mime: 'text/markdown', label: 'Markdown' },
  csv: { extension: 'csv', mime: 'text/csv', label: 'CSV' },
} as const;
export type FileKind = keyof typeof FILE_KINDS;

export const saveFileRequestSchema = z.strictObject({
  suggestedName: fileNameSchema,
  kind: z.enum(['markdown', 'csv']),
  text: z.string().max(2_000_000),
});
export type SaveFileRequest = z.infer<typeof saveFileRequestSchema>;

export const printPdfRequestSchema = z.strictObject({ suggestedName: fileNameSchema });
export type PrintPdfRequest = z.infer<typeof printPdfRequestSchema>;

/**
 * `saved: false` when the person cancelled the dialog. `where` is the file's path on the desktop; on the web it is
 * null (the browser decides where downloads go, and whether a print became a PDF).
 */
export interface FileSaveResult {
  readonly saved: boolean;
  readonly where: string | null;
}
