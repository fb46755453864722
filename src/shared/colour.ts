/** WCAG 2.1 contrast helpers: a network's theme colour must carry white text at AA (4.5:1). */
const channel = (hex: string, i: number) => {
  const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

export const hexColourPattern = /^#[0-9a-fA-F]{6}$/;

export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

export const carriesWhiteText = (hex: string) => hexColourPattern.test(hex) && contrastRatio(hex, "#ffffff") >= 4.5;
