import type { Deadline, PlanDocument } from '../schema/document.js';

/** The text cut at a word boundary to at most `length` characters, with an ellipsis when cut. */
export const shorten = (text: string, length: number): string => (text.length <= length ? text : `${text.slice(0, length - 1).replace(/\s+\S*$/u, '')}…`);

/** The plan as a list or calendar names it: its number, else its file name. */
export const planLabel = (document: PlanDocument): string => document.metadata.number ?? document.source.name;

/** What falls due by a deadline: the task due by it, else the clause the deadline closes. */
export const dueWork = (document: PlanDocument, deadline: Deadline): string | null => document.tasks.find((t) => t.deadlineId === deadline.id)?.text ?? deadline.subject;
