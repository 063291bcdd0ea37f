import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Conversation } from '../../shared/domain/conversation';
import { useApi } from '../api/api-context';
import type { CallOutcome } from '../api/call-endpoint';
import { listReplica } from '../api/use-directory-query';
import { matchPalette } from '../lib/palette-entries';
import type { PaletteEntry, PaletteTarget } from '../lib/palette-entries';
import { useAppStore } from '../store/store-context';

/** Opens the palette on Ctrl+K (⌘K on a Mac) from anywhere in the app. */
export function usePaletteShortcut(open: () => void) {
  const latest = useRef(open);
  latest.current = open;
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** What the palette can jump to: projects, conversations (the open project's live titles first), agents and models. */
function usePaletteEntries(): PaletteEntry[] {
  const api = useApi();
  const projects = useAppStore((s) => s.projects);
  const openConversations = useAppStore((s) => s.conversations);
  const [loaded, setLoaded] = useState<{ conversations: Conversation[]; agents: PaletteEntry[]; models: PaletteEntry[] } | null>(null);

  useEffect(() => {
    let current = true;
    void (async () => {
      const [conversations, agents, models] = await Promise.all([listReplica(api, 'conversation'), listReplica(api, 'agent'), listReplica(api, 'model')]);
      if (!current) return;
      setLoaded({
        conversations: items(conversations),
        agents: items(agents).map((a) => ({ target: { kind: 'agent', id: a.id }, name: a.name, detail: 'Agent' })),
        models: items(models).map((m) => ({ target: { kind: 'model', id: m.id }, name: m.name, detail: 'Model' })),
      });
    })();
    return () => {
      current = false;
    };
  }, [api]);

  return useMemo(() => {
    const projectName = new Map(projects.map((p) => [p.id, p.name]));
    const live = new Set(openConversations.map((c) => c.id));
    const conversations = [...openConversations, ...(loaded?.conversations ?? []).filter((c) => !live.has(c.id))].flatMap((c): PaletteEntry[] => {
      const project = projectName.get(c.projectId);
      return c.title === '' || project === undefined ? [] : [{ target: { kind: 'conversation', id: c.id, projectId: c.projectId }, name: c.title, detail: `Conversation in ${project}` }];
    });
    return [
      ...projects.map((p): PaletteEntry => ({ target: { kind: 'project', id: p.id }, name: p.name, detail: 'Project' })),
      ...conversations,
      ...(loaded?.agents ?? []),
      ...(loaded?.models ?? []),
    ];
  }, [projects, openConversations, loaded]);
}

function items<T>(outcome: CallOutcome<T[]>): T[] {
  return outcome.kind === 'applied' ? outcome.value : [];
}

/**
 * Jumps to a project, conversation, agent or model by name: type to narrow, arrows to choose,
 * Enter to go, Escape to close. A combobox over a listbox, as screen readers expect.
 */
export function CommandPalette({ onClose }: { readonly onClose: () => void }) {
  const entries = usePaletteEntries();
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => matchPalette(entries, typed), [entries, typed]);
  const listId = useId();
  const selectProject = useAppStore((s) => s.selectProject);
  const openConversationIn = useAppStore((s) => s.openConversationIn);
  const openRegistryEntry = useAppStore((s) => s.openRegistryEntry);
  const input = useRef<HTMLInputElement>(null);
  const chosen = matches[Math.min(active, matches.length - 1)];
  const went = useRef(false);

  useEffect(() => {
    const before = document.activeElement;
    input.current?.focus();
    // Focus goes back where it was when the palette closes without leading elsewhere.
    return () => {
      if (!went.current && before instanceof HTMLElement) before.focus();
    };
  }, []);
  useEffect(() => {
    if (chosen !== undefined) document.getElementById(optionId(listId, chosen.target))?.scrollIntoView({ block: 'nearest' });
  }, [chosen, listId]);

  const go = (entry: PaletteEntry) => {
    went.current = true;
    onClose();
    const { target } = entry;
    if (target.kind === 'project') selectProject(target.id);
    else if (target.kind === 'conversation') void openConversationIn(target.projectId, target.id);
    else openRegistryEntry(target.kind, target.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (matches.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((Math.min(active, matches.length - 1) + step + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (chosen !== undefined) go(chosen);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div className="dialog-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog palette" role="dialog" aria-modal="true" aria-label="Go to">
        <input
          ref={input}
          role="combobox"
          aria-label="Go to a project, conversation, agent or model"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={chosen === undefined ? undefined : optionId(listId, chosen.target)}
          placeholder="Go to a project, conversation, agent or model…"
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          spellCheck={false}
        />
        <ul className="palette-list" role="listbox" id={listId} aria-label="Matches">
          {matches.map((entry) => (
            <li
              key={`${entry.target.kind}:${entry.target.id}`}
              id={optionId(listId, entry.target)}
              role="option"
              aria-selected={entry === chosen}
              className={`palette-option${entry === chosen ? ' active' : ''}`}
              onMouseMove={() => setActive(matches.indexOf(entry))}
              onClick={() => go(entry)}
            >
              <span className="palette-name truncate">{entry.name}</span>
              <span className="palette-kind truncate">{entry.detail}</span>
            </li>
          ))}
        </ul>
        {matches.length === 0 && <p className="muted palette-empty">Nothing by that name.</p>}
        <p className="hint palette-keys">↑↓ to choose · Enter to open · Esc to close</p>
      </div>
    </div>
  );
}

function optionId(listId: string, target: PaletteTarget): string {
  return `${listId}-${target.kind}-${target.id}`;
}
