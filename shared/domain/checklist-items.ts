import { z } from 'zod';
import { LIMITS, singleLineText } from './primitives.js';

export const checklistItemsSchema = z
  .array(singleLineText('the checklist item', LIMITS.checklistItem))
  .max(LIMITS.checklistItems);
