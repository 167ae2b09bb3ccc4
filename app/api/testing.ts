// Shared by the route tests: an architecture saved the way the editor saves one.
import { expect } from 'vitest';
import type { TestBrowser } from '@/lib/api/testing';
import { templateDocument } from '@/lib/templates';
import { POST as create } from './architectures/route';

/** The course CNN under `name`, saved by `browser` (which becomes its owner); fails the test unless it is created. */
export async function createArchitectureAs(browser: TestBrowser, name: string): Promise<{ id: string; shareId: string; version: number }> {
  const res = await browser.call(create, { method: 'POST', path: '/api/architectures', body: { name, document: { ...templateDocument('course-cnn'), name } } });
  expect(res.status).toBe(201);
  return res.body as { id: string; shareId: string; version: number };
}
