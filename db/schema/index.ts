export * from './organizations';
export * from './accounts';
export * from './catalogue';
export * from './cooperation';
export * from './roundtables';
export * from './registration';
export * from './recommendations';
export * from './initiatives';
