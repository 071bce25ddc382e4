// office-addin-mock imports office-addin-manifest, whose ESM-only dependency jest cannot load.
// The mock never uses it for anything our tests touch, so an empty module stands in.
export {};
