// Every problem a data file can have, as a code plus the values that make it
// specific. The English sentence travels with the error (for logs and thrown
// errors); the UI translates the code with the same values (data.json, errors.*).
import type { DataError } from './types';

type Values = Record<string, string | number>;

const english = {
  gzipDamaged: (v) => `is a damaged gzip file (${v.reason})`,
  unknownFormat: () => 'is not a CSV, IDX or zip file',
  idxTooShort: (v) => `is ${v.length} bytes long, too short for an IDX header`,
  idxBadMagic: (v) => `is not an IDX file: it starts with ${v.magic} instead of 00 00 08 0n`,
  idxUnsupportedType: (v) => `holds ${v.type} values; only unsigned-byte (0x08) IDX files can be images or labels`,
  idxBadRank: (v) => `has ${v.rank} dimensions; expected 1 (labels) or 3 to 4 (images)`,
  idxHeaderCut: (v) => `ends inside its header (${v.length} of ${v.headerLength} bytes)`,
  idxSizeMismatch: (v) => `header says ${v.dims} = ${v.expected} values but the file holds ${v.actual}`,
  idxNotImages: (v) => `has dimensions ${v.dims}; an images file has 3 (count×rows×cols) or 4 (count×rows×cols×channels)`,
  idxNoImages: () => 'holds no images',
  idxBadImageSize: (v) => `has images of size ${v.size}`,
  idxNotLabels: (v) => `has dimensions ${v.dims}; a labels file has 1`,
  idxNoLabels: () => 'holds no labels',
  idxCountMismatch: (v) => `has ${v.labels} labels but ${v.imagesFile} has ${v.images} images`,
  idxMissingImages: () => 'is a labels file; add the IDX images file that goes with it',
  idxMissingLabels: () => 'is an images file; add the IDX labels file that goes with it',
  labelNotClass: (v) => `label ${v.value} is not a class 0-${v.max}`,
  filesCombination: (v) => `cannot be imported together with ${v.others}: give one CSV, one zip, or an IDX images file with its labels file`,
  noFiles: () => 'no file chosen',
  badShape: (v) => `shape ${v.shape} is not a valid image shape (height×width×channels, channels 1 or 3)`,
  csvEmpty: () => 'is empty',
  csvBadHeader: (v) => `first line should be the header label,pixel1,pixel2,… but starts with "${v.found}"`,
  csvNoPixels: () => 'has a label column but no pixel columns',
  csvNeedShape: (v) => `has ${v.pixels} pixel columns, which is not a square image: give the shape (height×width×channels)`,
  shapeMismatch: (v) => `has ${v.pixels} pixel values per image but the shape ${v.shape} needs ${v.needed}`,
  csvColumnCount: (v) => `has ${v.actual} values; the header has ${v.expected} columns`,
  csvNonNumeric: (v) => `column ${v.column}: "${v.value}" is not a number`,
  csvPixelRange: (v) => `column ${v.column}: pixel ${v.value} is outside 0–255`,
  csvEmptyLabel: () => 'has an empty label',
  csvNoRows: () => 'has a header but no images',
  tooManyProblems: (v) => `stopped after ${v.count} problems`,
  zipInvalid: (v) => `is not a readable zip archive (${v.reason})`,
  zipNoImages: () => 'holds no images (.png, .jpg, .gif, .bmp or .webp) in class folders',
  zipNotInClass: () => 'is not inside a class folder (the zip needs one folder of images per class)',
  zipEmptyClass: (v) => `class folder "${v.name}" holds no images`,
  imageUndecodable: () => 'could not be decoded as an image',
  mixedSizes: (v) => `is ${v.size} but ${v.firstEntry} is ${v.firstSize}: choose a shape to resize all images to`,
  classOneImage: (v) => `class "${v.name}" has only one training image`,
  classNoTrainImages: (v) => `class "${v.name}" has no training images`,
  tooFewClasses: (v) => `has ${v.count} class; a classifier needs at least 2`,
  shapeDiffers: (v) => `holds ${v.testShape} images but the training images are ${v.trainShape}`,
  classNamesCount: (v) => `needs ${v.expected} class names, got ${v.actual}`,
  classNameEmpty: () => 'class name is empty',
  classNameDuplicate: (v) => `class name "${v.name}" is used twice`,
  builtinReadOnly: () => 'is built in; its class names cannot be changed',
  notFound: () => 'no such dataset',
  storageFailed: (v) => `could not be saved in the browser (${v.reason})`,
  aborted: () => 'import cancelled',
  noTrainingFile: () => 'are all marked as test files; mark one as the training set',
  importFailed: (v) => `could not be imported (${v.reason})`,
} satisfies Record<string, (v: Values) => string>;

export type DataErrorCode = keyof typeof english;

/** Every code, so a test can hold each language's messages to them. */
export const dataErrorCodes = Object.keys(english) as DataErrorCode[];

export interface Where {
  row?: number;
  entry?: string;
}

export function dataError(file: string, code: DataErrorCode, values: Values = {}, where: Where = {}): DataError {
  return { file, ...where, code, values, message: english[code](values) };
}

/** The result of a check that found problems. */
export function failure(file: string, code: DataErrorCode, values: Values = {}, where: Where = {}): { ok: false; errors: DataError[] } {
  return { ok: false, errors: [dataError(file, code, values, where)] };
}

export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}
