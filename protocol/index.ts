/** Types and runtime schemas shared by the extension and the relay: the only shared code. */
export * from './relay-post.ts';
export * from './relay-events.ts';
export * from './relay-api.ts';
export * from './relay-socket.ts';
