export { analyzeGraph, type GraphAnalysis, type NodeAnalysis, type ParamTotals } from './analyze';
export type { GraphIssue, IssueFix, IssueSeverity } from './issues';
export { layerRegistry, layerTypes, layerDef, isLayerType, categoryOrder, layersIn, type LayerType, type ParamsOf } from './layers/registry';
export type { LayerCategory } from './layers/define';
export * from './shape';
export { wouldCreateCycle, incomingEdges, outgoingEdges, topologicalOrder } from './topology';
export * from './edit';
export { autoLayout } from './layout';
