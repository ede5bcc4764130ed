import { z } from 'zod';
import { LIMITS, text } from './primitives.js';

export const checklistItemsSchema = z.array(text(LIMITS.checklistItem)).max(LIMITS.checklistItems);
