// Types of the generated standalone validators (scripts/gen-validators.mjs).
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const validateManifest: GeneratedValidator;
export const validateConfig: GeneratedValidator;
