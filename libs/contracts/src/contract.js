"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.contractKey = void 0;
exports.defineContract = defineContract;
function defineContract(contract) {
    if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(contract.type)) {
        throw new Error(`Contract type "${contract.type}" must be "<producer>.<event-name>" in kebab case`);
    }
    if (!contract.type.startsWith(`${contract.producer}.`)) {
        throw new Error(`Contract type "${contract.type}" must start with its producer "${contract.producer}."`);
    }
    if (!Number.isInteger(contract.version) || contract.version < 1) {
        throw new Error(`Contract ${contract.type}: version must be a positive integer`);
    }
    return Object.freeze({ ...contract });
}
const contractKey = (type, version) => `${type}@v${version}`;
exports.contractKey = contractKey;
//# sourceMappingURL=contract.js.map