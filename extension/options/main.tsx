import '../shared/zod-jitless.ts';
import { render } from 'preact';
import { App } from './app.tsx';

// index.html always has #app; a missing one is a packaging error worth failing loudly on.
render(<App />, document.getElementById('app')!);
