import { parseArchitectureDocument, type ArchitectureDocument } from '../schema';
import courseCnn from './course-cnn.json' with { type: 'json' };
import courseCnnAugmented from './course-cnn-augmented.json' with { type: 'json' };
import denseBaseline from './dense-baseline.json' with { type: 'json' };
import lenet5 from './lenet5.json' with { type: 'json' };
import mobilenetMini from './mobilenet-mini.json' with { type: 'json' };
import residual from './residual.json' with { type: 'json' };

export const templateIds = ['course-cnn', 'course-cnn-augmented', 'dense-baseline', 'lenet5', 'residual', 'mobilenet-mini'] as const;
export type TemplateId = (typeof templateIds)[number];

const raw: Record<TemplateId, unknown> = {
  'course-cnn': courseCnn,
  'course-cnn-augmented': courseCnnAugmented,
  'dense-baseline': denseBaseline,
  lenet5,
  residual,
  'mobilenet-mini': mobilenetMini,
};

/** A fresh, validated copy of a template document. */
export function templateDocument(id: TemplateId): ArchitectureDocument {
  const parsed = parseArchitectureDocument(structuredClone(raw[id]));
  if (!parsed.ok) throw new Error(`template ${id} is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return parsed.document;
}

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (templateIds as readonly string[]).includes(value);
}

/** A blank document: one Input, where every architecture starts. */
export function blankDocument(name = 'Untitled'): ArchitectureDocument {
  return {
    version: 1,
    name,
    nodes: [{ id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } }],
    edges: [],
  };
}
