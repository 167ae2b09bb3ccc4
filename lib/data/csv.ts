// CSV images in the layout sign-language MNIST (and Kaggle's MNIST) ship in:
// a header `label,pixel1,…,pixelN`, then one image per row. Parsed straight
// from bytes, because the course's training file is ~80 MB and decoding it to
// a string and splitting it would hold several copies at once.
import { dataError, failure, formatShape } from './errors';
import { pixelsPerImage, type RawSplit, type Shape } from './raw';
import type { DataError, ParseResult } from './types';

export interface CsvOptions {
  /** needed when the pixel count is not a square; checked against it otherwise */
  shape?: Shape;
  onProgress?: (fraction: number) => void;
}

/** After this many problems parsing stops: the user has enough to fix. */
export const maxProblems = 10;

const COMMA = 44;
const NEWLINE = 10;
// Outside any value Number() lets through as finite, so -1 stays a (bad) pixel.
const EMPTY = Number.NEGATIVE_INFINITY;
const NOT_A_NUMBER = Number.NaN;

const decoder = new TextDecoder('utf-8');

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 34; // space, tab, CR, double quote
}

/** A field's text without surrounding blanks and quotes. */
function fieldText(bytes: Uint8Array, start: number, end: number): string {
  while (start < end && isBlank(bytes[start] ?? 0)) start++;
  while (end > start && isBlank(bytes[end - 1] ?? 0)) end--;
  return decoder.decode(bytes.subarray(start, end));
}

/**
 * The field as a number: EMPTY, NOT_A_NUMBER, or its value. Plain digits take
 * the fast path; anything else ("12.0", "1e2", "-3") goes through Number().
 */
function fieldNumber(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isBlank(bytes[start] ?? 0)) start++;
  while (end > start && isBlank(bytes[end - 1] ?? 0)) end--;
  if (start === end) return EMPTY;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = (bytes[i] ?? 0) - 48;
    if (c < 0 || c > 9) {
      const n = Number(decoder.decode(bytes.subarray(start, end)));
      return Number.isFinite(n) ? n : NOT_A_NUMBER;
    }
    value = value * 10 + c;
  }
  return value;
}

interface Header {
  /** index of the label column */
  labelColumn: number;
  columnNames: string[];
  /** byte offset where the image rows start */
  dataStart: number;
  /** line number (1-based) of the first image row */
  firstRow: number;
}

function lineEnd(bytes: Uint8Array, from: number): number {
  const i = bytes.indexOf(NEWLINE, from);
  return i === -1 ? bytes.length : i;
}

function readHeader(bytes: Uint8Array, file: string): ParseResult<Header> {
  // A UTF-8 byte order mark, as Excel writes it.
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = lineEnd(bytes, start);
  const fields = decoder
    .decode(bytes.subarray(start, end))
    .split(',')
    .map((f) => f.trim().replace(/^"(.*)"$/, '$1').trim());
  const labelColumn = fields.findIndex((f) => f.toLowerCase() === 'label');
  if (labelColumn >= 0) return { ok: true, value: { labelColumn, columnNames: fields, dataStart: end + 1, firstRow: 2 } };
  // No header at all: label first, then pixels, as some exports write it.
  if (fields.length > 1 && fields.every((f) => f !== '' && Number.isFinite(Number(f)))) {
    const columnNames = fields.map((_, i) => (i === 0 ? 'label' : String(i + 1)));
    return { ok: true, value: { labelColumn: 0, columnNames, dataStart: start, firstRow: 1 } };
  }
  const found = fields.join(',').slice(0, 40);
  return failure(file, 'csvBadHeader', { found }, { row: 1 });
}

export function parseCsv(bytes: Uint8Array, file: string, options: CsvOptions = {}): ParseResult<RawSplit> {
  if (bytes.every((b) => isBlank(b) || b === NEWLINE)) return failure(file, 'csvEmpty');
  const header = readHeader(bytes, file);
  if (!header.ok) return header;
  const pixels = header.value.columnNames.length - 1;
  if (pixels < 1) return failure(file, 'csvNoPixels', {}, { row: 1 });
  // The shape is checked before the rows, so a wrong shape fails at once, not after 80 MB.
  const shape = csvShape(pixels, file, options.shape);
  if (!shape.ok) return shape;
  const rows = readRows(bytes, file, header.value, options.onProgress);
  if (!rows.ok) return rows;
  const { rows: rowOf, images, labels, count } = rows.value;
  return { ok: true, value: { file, shape: shape.value, count, images, labels, locate: (i) => ({ row: rowOf[i] ?? 0 }) } };
}

export interface CsvRows {
  pixelCount: number;
  /** the line number (1-based, header = 1) of each image */
  rows: Int32Array;
  images: Uint8Array;
  labels: string[];
  count: number;
}

/** The rows of a CSV whose shape is decided later (csvShape). */
export function parseCsvImages(text: string | Uint8Array, file: string, onProgress?: (fraction: number) => void): ParseResult<CsvRows> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  if (bytes.every((b) => isBlank(b) || b === NEWLINE)) return failure(file, 'csvEmpty');
  const header = readHeader(bytes, file);
  if (!header.ok) return header;
  if (header.value.columnNames.length < 2) return failure(file, 'csvNoPixels', {}, { row: 1 });
  return readRows(bytes, file, header.value, onProgress);
}

/** Square grayscale when the pixel count is a square; otherwise the user's shape, which must hold exactly that many values. */
export function csvShape(pixels: number, file: string, shape: Shape | undefined): ParseResult<Shape> {
  if (shape) {
    const needed = pixelsPerImage(shape);
    return needed === pixels ? { ok: true, value: shape } : failure(file, 'shapeMismatch', { pixels, shape: formatShape(shape), needed });
  }
  const side = Math.round(Math.sqrt(pixels));
  return side * side === pixels ? { ok: true, value: [side, side, 1] } : failure(file, 'csvNeedShape', { pixels });
}

function readRows(bytes: Uint8Array, file: string, header: Header, onProgress?: (fraction: number) => void): ParseResult<CsvRows> {
  const { labelColumn, columnNames, dataStart, firstRow } = header;
  const columns = columnNames.length;
  const pixels = columns - 1;
  // Room for every line; trimmed to the rows actually read at the end.
  let maxRows = 1;
  for (let i = dataStart; i < bytes.length; i++) if (bytes[i] === NEWLINE) maxRows++;
  const images = new Uint8Array(maxRows * pixels);
  const rowOf = new Int32Array(maxRows);
  const labels: string[] = [];
  const errors: DataError[] = [];
  let count = 0;
  let row = firstRow - 1;

  for (let start = dataStart; start < bytes.length && errors.length < maxProblems; ) {
    const end = lineEnd(bytes, start);
    row++;
    if (row % 2048 === 0) onProgress?.(start / bytes.length);
    const problem = parseRow(bytes, start, end, count * pixels);
    start = end + 1;
    if (problem === 'blank') continue;
    if (problem) {
      errors.push(problem);
      continue;
    }
    rowOf[count] = row;
    count++;
  }

  function parseRow(b: Uint8Array, start: number, end: number, offset: number): DataError | 'blank' | null {
    let blank = true;
    for (let i = start; i < end; i++) {
      if (!isBlank(b[i] ?? 0)) {
        blank = false;
        break;
      }
    }
    if (blank) return 'blank';
    let column = 0;
    let fieldStart = start;
    let label = '';
    for (let i = start; i <= end; i++) {
      if (i < end && b[i] !== COMMA) continue;
      if (column >= columns) break;
      if (column === labelColumn) {
        label = fieldText(b, fieldStart, i);
        if (label === '') return dataError(file, 'csvEmptyLabel', {}, { row });
      } else {
        const value = fieldNumber(b, fieldStart, i);
        const name = columnNames[column] ?? String(column + 1);
        if (value === EMPTY || Number.isNaN(value)) {
          return dataError(file, 'csvNonNumeric', { column: name, value: fieldText(b, fieldStart, i) }, { row });
        }
        if (value < 0 || value > 255) return dataError(file, 'csvPixelRange', { column: name, value }, { row });
        images[offset + (column < labelColumn ? column : column - 1)] = Math.round(value);
      }
      column++;
      fieldStart = i + 1;
    }
    let actual = 1;
    for (let i = start; i < end; i++) if (b[i] === COMMA) actual++;
    if (actual !== columns) return dataError(file, 'csvColumnCount', { actual, expected: columns }, { row });
    labels.push(label);
    return null;
  }

  if (errors.length >= maxProblems) errors.push(dataError(file, 'tooManyProblems', { count: errors.length }));
  if (errors.length) return { ok: false, errors };
  if (count === 0) return failure(file, 'csvNoRows');
  onProgress?.(1);
  return { ok: true, value: { pixelCount: pixels, rows: rowOf.slice(0, count), images: images.slice(0, count * pixels), labels, count } };
}
