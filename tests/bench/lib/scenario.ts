import type { ServerKind } from './server.ts';

/** Figures of one scenario on one server: plain JSON, printed as one line. */
export type Figures = Record<string, unknown>;

/** The line comparing Yuzu with the reference on one scenario. */
export interface Comparison {
	ratio: Record<string, number | null>;
	target: Target;
	met: boolean;
}

/** The target: `metric` of Yuzu divided by the reference's must not exceed `max`. */
export interface Target {
	metric: string;
	max: number;
}

export interface Scenario {
	name: string;
	target: Target;
	/** Starts its own server(s) of `kind`, measures, stops them. */
	run(kind: ServerKind): Promise<Figures>;
	compare(yuzu: Figures, reference: Figures): Comparison;
}

/** The comparison line: every ratio, and whether the target's one holds. */
export function compareOn(ratio: Record<string, number | null>, target: Target): Comparison {
	const value = ratio[target.metric];
	return { ratio, target, met: typeof value === 'number' && value <= target.max };
}

/** A numeric figure, or undefined when the line lacks it. */
export function figure(figures: Figures, key: string): number | undefined {
	const value = figures[key];
	return typeof value === 'number' ? value : undefined;
}
