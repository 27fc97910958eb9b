// class-transformer keeps its @Type() metadata in a storage it exports from this path without a declaration.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: {
    findTypeMetadata(target: object, propertyName: string): { typeFunction(): unknown } | undefined;
  };
}
