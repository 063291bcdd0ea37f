import type { ReactNode } from 'react';

interface DetailHeaderProps {
  /** What the back link returns to: `All models`. */
  readonly back: string;
  readonly onBack: () => void;
  readonly title: string;
  readonly description: string;
  /** The entry's badges, at the right. */
  readonly children?: ReactNode;
}

/** The head of a registry entry's page: the way back, its name and description, its badges. */
export function DetailHeader({ back, onBack, title, description, children }: DetailHeaderProps) {
  return (
    <header className="project-head">
      <div>
        <button className="link small" onClick={onBack}>
          ← {back}
        </button>
        <h1>{title}</h1>
        {description !== '' && <p className="muted">{description}</p>}
      </div>
      <div className="head-badges">{children}</div>
    </header>
  );
}
