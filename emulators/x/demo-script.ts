/** An account of the demo world (fixed ids, so a demo can be scripted against them). */
export interface DemoAccount {
  id: string;
  username: string;
  name: string;
  description: string;
  /** Whether demo_user follows this account. */
  followed: boolean;
}

export const DEMO_USER: DemoAccount = {
  id: '1800000000000000001',
  username: 'demo_user',
  name: 'Demo User',
  description: 'The account the emulator signs in as. Bridges StatusNet and X.',
  followed: false,
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    id: '1800000000000000002',
    username: 'weather_bot',
    name: 'Weather Bot',
    description: 'Forecasts, hourly-ish.',
    followed: true,
  },
  {
    id: '1800000000000000003',
    username: 'ada_writes',
    name: 'Ada',
    description: 'Writing a novel, slowly.',
    followed: true,
  },
  {
    id: '1800000000000000004',
    username: 'kofi_codes',
    name: 'Kofi',
    description: 'Small tools, small fixes.',
    followed: true,
  },
  {
    id: '1800000000000000005',
    username: 'mei_photos',
    name: 'Mei 写真',
    description: 'Harbours and light.',
    followed: true,
  },
  {
    id: '1800000000000000006',
    username: 'stranger_x',
    name: 'Stranger',
    description: 'Followed by nobody here.',
    followed: false,
  },
];

/** One scripted post. References name "the latest post of <username>". */
export interface DemoLine {
  author: string;
  text: string;
  replyToLatestOf?: string;
  quoteLatestOf?: string;
  repostLatestOf?: string;
  image?: boolean;
}

/** What the demo accounts say, in order, round and round. */
export const DEMO_SCRIPT: DemoLine[] = [
  { author: 'weather_bot', text: 'Morning forecast: light rain clearing by noon, 14°C. #weather' },
  { author: 'ada_writes', text: 'Finished chapter three. Long way to go, but it reads well now.' },
  {
    author: 'kofi_codes',
    text: 'Shipped a tiny fix today: https://example.com/changelog/42 thanks to everyone who reported it.',
  },
  { author: 'mei_photos', text: 'Harbour at dusk.', image: true },
  {
    author: 'ada_writes',
    text: 'Congratulations! Which bug was it?',
    replyToLatestOf: 'kofi_codes',
  },
  { author: 'kofi_codes', text: '', repostLatestOf: 'weather_bot' },
  { author: 'weather_bot', text: '@demo_user your station reading came in, thanks!' },
  { author: 'stranger_x', text: 'Nobody here follows me, so a bridge should never import this.' },
  {
    author: 'mei_photos',
    text: 'This is exactly the mood of my photos this week.',
    quoteLatestOf: 'ada_writes',
  },
  { author: 'mei_photos', text: '東京は晴れ。🌸 Cherry blossoms are out along the river.' },
  { author: 'ada_writes', text: 'follow the river north, the path is clear today' },
  {
    author: 'kofi_codes',
    text: 'Reading list: https://example.org/essays/plain-text and $TOOL docs. #til',
  },
];
