import { constants } from 'node:fs';

const { O_APPEND, O_CREAT, O_NOFOLLOW, O_WRONLY } = constants;

/**
 * Flags to open a file of the state store for appending (a journal, a log), created if needed and
 * never through a link: a log or journal replaced by a link fails to open (ELOOP) rather than
 * writing wherever the link points.
 */
export const APPEND_NO_LINK = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW;
