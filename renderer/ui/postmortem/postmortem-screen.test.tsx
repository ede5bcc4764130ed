// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { commandPayloadSchemas } from '../../../shared/domain/commands.js';
import type { PostmortemDraft } from '../../../shared/postmortem/draft-record.js';
import { bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { queued } from '../../test-views.js';
import { PostmortemScreen } from './postmortem-screen.js';
import { ReviewsScreen } from './reviews-screen.js';

/** A SEV-1 that was mitigated and resolved: ready for its postmortem. */
function resolvedSev1(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout is failing', severity: 'SEV-1', service: 'checkout' });
  hub.advance(10).ok('incident.change_status', { status: 'mitigated', reason: 'Rolled back the deploy' });
  hub.advance(30).ok('incident.change_status', { status: 'resolved', reason: 'Fixed the pool size' });
  return hub;
}

const draftOf = (fields: Partial<PostmortemDraft>): PostmortemDraft => ({
  incidentId: 'inc-1',
  baseRevision: null,
  markdown: '# Mine\n\nOur story.\n',
  savedAt: '2025-03-01T12:00:00.000Z',
  publishedAs: null,
  ...fields,
});

async function openEditor(hub: TestHub, drafts: PostmortemDraft[] = []) {
  const app = await startApp({ view: viewOfHub(hub), timeline: hub.log, drafts });
  app.actions.openPostmortem('inc-1');
  app.render(<PostmortemScreen />);
  return app;
}

describe('the postmortem editor', () => {
  it('drafts from the event log, saves as it is typed, and publishes as the first revision', async () => {
    const user = userEvent.setup();
    const hub = resolvedSev1();
    const app = await openEditor(hub);
    await user.click(await screen.findByRole('button', { name: 'Draft from the event log' }));

    const text = screen.getByRole('textbox', { name: 'Markdown' }) as HTMLTextAreaElement;
    expect(text.value).toMatch(/^# Postmortem: INC-1 Checkout is failing/);
    expect(text.value).toContain('Rolled back the deploy');
    await waitFor(() => expect(app.drafts.get('inc-1')?.markdown).toBe(text.value)); // saved on "this computer"
    expect(
      within(screen.getByRole('document', { name: 'Preview' })).getByRole('heading', { level: 1 }).textContent,
    ).toMatch(/INC-1 Checkout is failing/);

    await user.type(text, '\nA line of my own.');
    await waitFor(() => expect(app.drafts.get('inc-1')?.markdown).toMatch(/A line of my own\.$/));
    expect(await screen.findByText(/Saved on this computer at/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    const publish = app.sent.find((c) => c.type === 'postmortem.publish');
    expect(publish?.payload).toMatchObject({ baseRevision: null, markdown: text.value });
    const { revision } = commandPayloadSchemas['postmortem.publish'].parse(publish?.payload);
    await waitFor(() => expect(app.drafts.get('inc-1')?.publishedAs).toBe(revision));
  });

  it('keeps the draft when there is no event log (offline), and says what is missing', async () => {
    const user = userEvent.setup();
    const hub = resolvedSev1();
    const app = await startApp({ view: viewOfHub(hub), timeline: new Error('The hub cannot be reached') });
    app.actions.openPostmortem('inc-1');
    app.render(<PostmortemScreen />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be loaded/);
    await user.click(screen.getByRole('button', { name: 'Draft without the event log' }));
    expect((screen.getByRole('textbox', { name: 'Markdown' }) as HTMLTextAreaElement).value).toMatch(
      /^# Postmortem: INC-1/,
    );
  });

  it('offers no draft before the incident is resolved', async () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-1' });
    await openEditor(hub);
    expect(await screen.findByText(/drafted once the incident is resolved/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Draft/ })).toBeNull();
  });

  it('refuses to publish an empty draft, and exports Markdown and PDF', async () => {
    const user = userEvent.setup();
    const app = await openEditor(resolvedSev1(), [draftOf({})]);
    await user.click(await screen.findByRole('button', { name: 'Export Markdown' }));
    expect(app.savedFiles).toEqual([
      { suggestedName: 'postmortem-INC-1.md', kind: 'markdown', text: '# Mine\n\nOur story.\n' },
    ]);
    expect(await screen.findByText(/Saved to/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export PDF' }));
    expect(app.printed).toEqual([{ suggestedName: 'postmortem-INC-1.pdf' }]);

    await user.clear(screen.getByRole('textbox', { name: 'Markdown' }));
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(screen.getByRole('alert').textContent).toMatch(/empty/);
    expect(app.sent.filter((c) => c.type === 'postmortem.publish')).toEqual([]);
  });

  it('shows the merge view when someone else published meanwhile, and publishes the merge on their revision', async () => {
    const user = userEvent.setup();
    const hub = resolvedSev1();
    hub.ok(
      'postmortem.publish',
      { revision: 'rev-bob', baseRevision: null, markdown: '# Theirs\n\nOur story.\n' },
      { actor: bob },
    );
    const app = await openEditor(hub, [draftOf({})]);
    expect(await screen.findByRole('heading', { name: /Bob published a newer revision/ })).toBeTruthy();
    const merged = screen.getByRole('textbox', { name: 'Merged text' }) as HTMLTextAreaElement;
    expect(merged.value).toContain('<<<<<<< mine\n# Mine\n=======\n# Theirs\n>>>>>>> theirs (Bob');
    expect(merged.value).toContain('Our story.');

    await user.click(screen.getByRole('button', { name: 'Use the merged text' }));
    expect(screen.getByRole('alert').textContent).toMatch(/conflict markers/);
    expect(app.drafts.get('inc-1')?.markdown).toBe('# Mine\n\nOur story.\n'); // nothing changed yet

    await user.clear(merged);
    await user.type(merged, '# Ours and theirs{Enter}{Enter}Our story.');
    await user.click(screen.getByRole('button', { name: 'Use the merged text' }));
    await waitFor(() => expect(app.drafts.get('inc-1')).toMatchObject({ baseRevision: 'rev-bob', publishedAs: null }));
    expect(app.drafts.get('inc-1')?.markdown).toBe('# Ours and theirs\n\nOur story.');

    await user.click(await screen.findByRole('button', { name: 'Publish' }));
    expect(app.sent.find((c) => c.type === 'postmortem.publish')?.payload).toMatchObject({
      baseRevision: 'rev-bob',
      markdown: '# Ours and theirs\n\nOur story.',
    });
  });

  it('shows the hub refusing a publish for too many revisions in a minute, and keeps the draft', async () => {
    const user = userEvent.setup();
    const hub = resolvedSev1();
    const app = await openEditor(hub, [draftOf({ markdown: '# Mine\n\nRevision seven.\n' })]);
    await user.click(await screen.findByRole('button', { name: 'Publish' }));
    const sent = app.sent.find((c) => c.type === 'postmortem.publish');
    if (!sent) throw new Error('the publish was not sent');
    const refusal =
      'The postmortem of INC-1 was published 6 times in the last minute, the most it takes; nothing was changed. Publish again from 10:41:00 UTC (in 18 s).';
    const command = queued({
      commandId: 'c-7',
      type: sent.type,
      incidentId: sent.incidentId,
      payload: { ...commandPayloadSchemas['postmortem.publish'].parse(sent.payload) },
      clientAt: hub.now,
    });
    app.push({
      ...viewOfHub(hub),
      rejected: [{ command, error: { code: 'limit_reached', message: refusal }, at: hub.now }],
    });

    const rejections = within(await screen.findByRole('list', { name: 'Not accepted by the hub' }));
    expect(rejections.getByRole('alert').textContent).toBe(refusal);
    expect(rejections.getByText(/your draft is kept here\. Publish it again from the time above/)).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Markdown' }) as HTMLTextAreaElement).value).toBe(
      '# Mine\n\nRevision seven.\n',
    );
    expect(app.drafts.get('inc-1')?.markdown).toBe('# Mine\n\nRevision seven.\n');
  });

  it('refuses to publish text-direction controls, saying on which line, and sends nothing', async () => {
    const user = userEvent.setup();
    const app = await openEditor(resolvedSev1(), [draftOf({ markdown: '# Mine\n\nRun `rm -rf \u202E/tmp`\n' })]);
    await user.click(await screen.findByRole('button', { name: 'Publish' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Remove the text-direction control character U+202E (RIGHT-TO-LEFT OVERRIDE) from the postmortem (on line 3): it can make text read differently from what it says.',
    );
    expect(app.sent.filter((c) => c.type === 'postmortem.publish')).toEqual([]);
    expect(app.drafts.get('inc-1')?.markdown).toBe('# Mine\n\nRun `rm -rf \u202E/tmp`\n');
  });

  it('shows a published postmortem with no local draft, and starts a new revision from it', async () => {
    const user = userEvent.setup();
    const hub = resolvedSev1();
    hub.ok('postmortem.publish', { revision: 'rev-1', baseRevision: null, markdown: '# Published text\n' });
    const app = await openEditor(hub);
    expect(await screen.findByRole('heading', { name: 'Published postmortem' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Edit: start a new revision' }));
    await waitFor(() =>
      expect(app.drafts.get('inc-1')).toMatchObject({ baseRevision: 'rev-1', markdown: '# Published text\n' }),
    );
  });
});

describe('the reviews screen', () => {
  it('lists drafts on this computer with their state, and incidents waiting for a postmortem', async () => {
    const user = userEvent.setup();
    const hub = resolvedSev1();
    const app = await startApp({ view: viewOfHub(hub), drafts: [draftOf({})] });
    app.render(<ReviewsScreen />);
    const drafts = within(await screen.findByRole('list', { name: 'Drafts on this computer' }));
    expect(drafts.getByText('Draft on this computer, not published')).toBeTruthy();
    const waiting = within(screen.getByRole('list', { name: 'Waiting for a postmortem' }));
    expect(waiting.getByText('required before closing')).toBeTruthy();
    await user.click(drafts.getByRole('button', { name: /INC-1 Checkout is failing/ }));
    expect(app.store.getState()).toMatchObject({ selectedIncidentId: 'inc-1', incidentView: 'postmortem' });
  });
});
