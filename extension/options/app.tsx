import { ActivityLog } from './activity-log.tsx';
import { WorkerHealth } from './worker-health.tsx';

export function App() {
  return (
    <main>
      <header>
        <h1>StatusNet–X Bridge</h1>
        <p class="lede">
          Mirrors your StatusNet / GNU social notices to X, and brings the posts you follow on X
          into StatusNet. Your passwords and tokens stay in this browser.
        </p>
      </header>
      <WorkerHealth />
      <ActivityLog />
    </main>
  );
}
