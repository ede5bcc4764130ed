import type { ConnectionSlice } from './connection-slice.js';
import type { ContactSlice } from './contact-slice.js';
import type { IncidentsSlice } from './incidents-slice.js';
import type { OncallSlice } from './oncall-slice.js';
import type { PostmortemSlice } from './postmortem-slice.js';
import type { StatusPageSlice } from './statuspage-slice.js';
import type { TimelineSlice } from './timeline-slice.js';
import type { UiSlice } from './ui-slice.js';

/** The one store's shape: a slice per concern. */
export type AppState = ConnectionSlice &
  IncidentsSlice &
  TimelineSlice &
  UiSlice &
  OncallSlice &
  PostmortemSlice &
  ContactSlice &
  StatusPageSlice;
