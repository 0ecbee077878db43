import type { Deadline, PlanDocument, Task } from '../schema/document.js';

/** The text cut at a word boundary to at most `length` characters, with an ellipsis when cut. */
export const shorten = (text: string, length: number): string => (text.length <= length ? text : `${text.slice(0, length - 1).replace(/\s+\S*$/u, '')}…`);

/** The plan as a list or calendar names it: its number, else its file name. */
export const planLabel = (document: PlanDocument): string => document.metadata.number ?? document.source.name;

/** The task due by each deadline (the first, where several are), by deadline id: indexed once per plan, not searched per deadline. */
export function tasksByDeadline(document: PlanDocument): Map<string, Task> {
  const byDeadline = new Map<string, Task>();
  for (const task of document.tasks) if (task.deadlineId && !byDeadline.has(task.deadlineId)) byDeadline.set(task.deadlineId, task);
  return byDeadline;
}

/** What falls due by a deadline: the task due by it, else the clause the deadline closes. */
export const dueWork = (deadline: Deadline, tasks: Map<string, Task>): string | null => tasks.get(deadline.id)?.text ?? deadline.subject;
