import { useRef, type ReactNode } from 'react';
import { tabKeyTarget } from './tabs-keys';

/**
 * A tab bar (role tablist): the selected tab is the only one in the tab order, arrows and
 * Home/End move between tabs and select the one reached. `data-tab` names each tab for tests.
 */
export function Tabs<T extends string>({
  tabs,
  selected,
  onSelect,
  label,
}: {
  tabs: readonly T[];
  selected: T;
  onSelect: (tab: T) => void;
  label: (tab: T) => ReactNode;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  return (
    <div className="tabs" role="tablist">
      {tabs.map((x, i) => (
        <button
          key={x}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          aria-selected={x === selected}
          tabIndex={x === selected ? 0 : -1}
          className={x === selected ? 'active' : ''}
          data-tab={x}
          onClick={() => onSelect(x)}
          onKeyDown={(e) => {
            const to = tabKeyTarget(e.key, i, tabs.length);
            const tab = to === null ? undefined : tabs[to];
            if (to === null || tab === undefined) return;
            e.preventDefault();
            onSelect(tab);
            refs.current[to]?.focus();
          }}
        >
          {label(x)}
        </button>
      ))}
    </div>
  );
}
