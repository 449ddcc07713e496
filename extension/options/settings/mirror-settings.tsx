import type { Settings } from '../../shared/settings.ts';
import { Checkbox, FormMessage, Select, TextField } from './field.tsx';
import { useSettingsSection, type FieldErrors } from './use-settings-section.ts';
import { ImportSettings } from './import-settings.tsx';

const REPLIES = [
  { value: 'all', label: 'All replies' },
  { value: 'bridged', label: 'Only replies to notices already on X' },
  { value: 'none', label: 'No replies' },
] as const;

function validate(slice: Settings['export']): FieldErrors {
  const errors: FieldErrors = {};
  const tag = /^#?[\p{L}\p{N}_]+$/u;
  if (slice.optOutTag && !tag.test(slice.optOutTag)) {
    errors['export.optOutTag'] = 'A tag is one word of letters, digits or _, like #notx.';
  }
  if (slice.optInMode && !tag.test(slice.optInTag)) {
    errors['export.optInTag'] = 'Enter the tag that marks notices for X, like #x.';
  }
  return errors;
}

/** What goes from StatusNet to X, TwitterBridge's choices plus explicit addressing by tag. */
export function MirrorSettings() {
  const section = useSettingsSection('export');
  const { value, errors, update } = section;

  return (
    <section aria-labelledby="mirror-heading">
      <h2 id="mirror-heading">What to mirror</h2>
      {!value ? (
        <p>Loading…</p>
      ) : (
        <form
          noValidate
          aria-labelledby="mirror-export-heading"
          onSubmit={(event) => {
            event.preventDefault();
            void section.save({ validate });
          }}
        >
          <h3 id="mirror-export-heading">From StatusNet to X</h3>
          <Checkbox
            id="export-notices"
            label="Post my notices on X"
            checked={value.notices}
            onChange={(notices) => update({ notices })}
          />
          <Select
            id="export-replies"
            label="Replies"
            value={value.replies}
            options={REPLIES}
            onChange={(replies) => update({ replies })}
            hint="Replies to notices that are not on X would reach X without their context."
          />
          <Checkbox
            id="export-reply-fallback"
            label="When X refuses a reply, post it as a new post that links to its parent"
            checked={value.replyFallback}
            onChange={(replyFallback) => update({ replyFallback })}
          />
          <Checkbox
            id="export-repeats"
            label="Repeats, as reposts"
            checked={value.repeats}
            onChange={(repeats) => update({ repeats })}
            hint="Only a repeat of a notice already on X becomes a repost. GNU social lets nobody repeat the import account's private notices: fave those instead, which likes them on X."
          />
          <Checkbox
            id="export-favorites"
            label="Favourites, as likes"
            checked={value.favorites}
            onChange={(favorites) => update({ favorites })}
          />
          <Checkbox
            id="export-deletes"
            label="Deletes: delete the post on X when I delete the notice"
            checked={value.deletes}
            onChange={(deletes) => update({ deletes })}
          />
          <TextField
            id="export-opt-out-tag"
            label="Opt-out tag"
            value={value.optOutTag}
            onInput={(optOutTag) => update({ optOutTag })}
            error={errors['export.optOutTag']}
            hint="A notice with this tag stays off X. Leave empty for none."
          />
          <Checkbox
            id="export-opt-in-mode"
            label="Only post notices that carry the opt-in tag"
            checked={value.optInMode}
            onChange={(optInMode) => update({ optInMode })}
          />
          <TextField
            id="export-opt-in-tag"
            label="Opt-in tag"
            value={value.optInTag}
            onInput={(optInTag) => update({ optInTag })}
            error={errors['export.optInTag']}
            disabled={!value.optInMode}
          />
          <button type="submit" disabled={section.busy}>
            Save what to mirror
          </button>
          <FormMessage error={errors['form']} done={section.saved} />
        </form>
      )}
      <ImportSettings />
    </section>
  );
}
