import { AccountsSection } from './accounts/accounts-section.tsx';
import { ActivityLog } from './activity-log.tsx';
import { HealthSection } from './health/health-section.tsx';
import { Imports } from './imports.tsx';
import { MirrorSettings } from './settings/mirror-settings.tsx';
import { Outbox } from './outbox.tsx';
import { RelaySettings } from './settings/relay-settings.tsx';
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
      <AccountsSection />
      <MirrorSettings />
      <RelaySettings />
      <HealthSection />
      <Outbox />
      <Imports />
      <WorkerHealth />
      <ActivityLog />
    </main>
  );
}
