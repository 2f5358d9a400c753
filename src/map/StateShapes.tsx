/** The legend of the single defect markers: each lifecycle state's shape in its colour, and the overdue edge. */
import { named, useT } from '@/ui/i18n';
import { useAppStore } from '@/store/store';
import { shapeOf, shapePoints, type ShapeName } from './state-shapes';

export function StateShapesLegend() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  if (!campaign) return null;
  const overdue = campaign.lifecycle.derived.overdue;
  return (
    <>
      <p className="legend-title">{t('stateShapesTitle')}</p>
      <ul className="state-shapes" data-testid="state-shapes">
        {campaign.lifecycle.states.map((s, k) => (
          <li key={s.code} data-testid={`state-shape-${s.code}`} data-shape={shapeOf(k)}>
            <ShapeIcon shape={shapeOf(k)} color={s.color} />
            {named(lang, s)}
          </li>
        ))}
        <li data-testid="state-shape-overdue">
          <ShapeIcon shape="circle" color="#ffffff" edge={overdue.color} />
          {named(lang, overdue)}
        </li>
      </ul>
    </>
  );
}

function ShapeIcon({ shape, color, edge }: { shape: ShapeName; color: string; edge?: string }) {
  const pts = shapePoints(shape);
  const stroke = edge ?? '#475569';
  const strokeWidth = edge ? 0.45 : 0.15;
  return (
    <svg className="shape-icon" viewBox="-1.3 -1.3 2.6 2.6" aria-hidden="true">
      {pts ? (
        <polygon
          points={pts.map(([x, y]) => `${x},${y}`).join(' ')}
          fill={color}
          stroke={stroke}
          strokeWidth={strokeWidth}
        />
      ) : (
        <circle r={0.9} fill={color} stroke={stroke} strokeWidth={strokeWidth} />
      )}
      {shape === 'ring' && <circle r={0.38} fill="#ffffff" />}
    </svg>
  );
}
