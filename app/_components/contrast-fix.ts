/**
 * VerdictBadge's "True" is white on emerald-600 (3.8:1), below WCAG AA; axe flags it wherever a true
 * verdict shows. Until badge.tsx darkens it, containers that show verdicts add this class.
 */
export const verdictContrastFix = "[&_[data-verdict=true]]:bg-emerald-700 [&_[data-verdict=true]]:ring-emerald-800";
