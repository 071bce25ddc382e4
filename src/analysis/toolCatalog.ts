import catalogJson from './billingTools.json';

/**
 * The billing-tool catalog shipped with the project (billingTools.json, a verbatim copy of the
 * research with its sources). Scores are facts about availability: 3 documented, 1 partial,
 * 0 absent, null not confirmed.
 */
export type CatalogScore = 0 | 1 | 2 | 3 | null;

export interface CatalogCapability {
  capability: string;
  scores: Readonly<Record<string, CatalogScore>>;
}

export interface ToolCatalog {
  asOf: string;
  tools: readonly string[];
  capabilities: readonly CatalogCapability[];
  sources: Readonly<Record<string, readonly string[]>>;
}

function asScore(value: unknown): CatalogScore {
  return value === 0 || value === 1 || value === 2 || value === 3 ? value : null;
}

export const toolCatalog: ToolCatalog = {
  asOf: catalogJson.as_of,
  tools: catalogJson.tools,
  capabilities: catalogJson.capabilities.map((c) => ({
    capability: c.capability,
    scores: Object.fromEntries(catalogJson.tools.map((t) => [t, asScore((c.scores as Record<string, unknown>)[t])])),
  })),
  sources: catalogJson.sources,
};

export function catalogScore(capability: string, tool: string): CatalogScore {
  const row = toolCatalog.capabilities.find((c) => c.capability === capability);
  return row ? (row.scores[tool] ?? null) : null;
}
