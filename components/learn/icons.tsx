// Small stroke icons for the step controls: the media glyphs (⏮ ⏭ ⏸) are
// missing from many system fonts, Linux CJK setups included.
const paths = {
  toStart: 'M5 4v16M19 5l-10 7 10 7z',
  back: 'M16 5l-10 7 10 7z',
  play: 'M7 4l13 8-13 8z',
  pause: 'M7 4v16M17 4v16',
  forward: 'M8 5l10 7-10 7z',
  toEnd: 'M19 4v16M5 5l10 7-10 7z',
} as const;

export function Icon({ name }: { name: keyof typeof paths }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="currentColor" stroke="currentColor" strokeWidth={name === 'pause' ? 4 : 2} strokeLinejoin="round" />
    </svg>
  );
}
