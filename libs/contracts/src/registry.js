"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.contractRegistry = exports.ContractRegistry = exports.UnknownContractError = void 0;
exports.validateIntegrationEvent = validateIntegrationEvent;
const contract_1 = require("./contract");
const referrals_1 = require("./referrals");
const scheduling_1 = require("./scheduling");
const outcomes_1 = require("./outcomes");
const validation_1 = require("./validation");
class UnknownContractError extends Error {
    type;
    version;
    code = 'UNKNOWN_CONTRACT';
    constructor(type, version) {
        super(`No contract ${(0, contract_1.contractKey)(type, version)} is registered`);
        this.type = type;
        this.version = version;
        this.name = 'UnknownContractError';
    }
}
exports.UnknownContractError = UnknownContractError;
class ContractRegistry {
    byKey = new Map();
    constructor(contracts = []) {
        for (const contract of contracts)
            this.register(contract);
    }
    register(contract) {
        const key = (0, contract_1.contractKey)(contract.type, contract.version);
        const existing = this.byKey.get(key);
        if (existing && existing !== contract)
            throw new Error(`Contract ${key} is registered twice`);
        this.byKey.set(key, contract);
        return this;
    }
    find(type, version) {
        return this.byKey.get((0, contract_1.contractKey)(type, version));
    }
    get(type, version) {
        const contract = this.find(type, version);
        if (!contract)
            throw new UnknownContractError(type, version);
        return contract;
    }
    /** Every registered version of a type, oldest first. */
    versionsOf(type) {
        return [...this.byKey.values()]
            .filter((c) => c.type === type)
            .map((c) => c.version)
            .sort((a, b) => a - b);
    }
    all() {
        return [...this.byKey.values()];
    }
    validate(event) {
        if (event === null || typeof event !== 'object')
            return { ok: false, problems: ['event: must be an object'] };
        if (typeof event.type !== 'string' || typeof event.version !== 'number') {
            return { ok: false, problems: ['event: type must be a string and version a number'] };
        }
        const contract = this.find(event.type, event.version);
        if (!contract) {
            const known = this.versionsOf(event.type);
            return {
                ok: false,
                problems: [
                    known.length
                        ? `unknown contract version ${(0, contract_1.contractKey)(event.type, event.version)} (known versions: ${known.join(', ')})`
                        : `unknown contract type "${event.type}"`,
                ],
            };
        }
        return (0, validation_1.validateContractData)(contract, event.data);
    }
}
exports.ContractRegistry = ContractRegistry;
/** Every contract published by Stepwell services. */
exports.contractRegistry = new ContractRegistry([...referrals_1.referralsContracts, ...scheduling_1.schedulingContracts, ...outcomes_1.outcomesContracts]);
/** Validates an integration event against its registered contract; an unknown type or version is a problem. */
function validateIntegrationEvent(event, registry = exports.contractRegistry) {
    return registry.validate(event);
}
//# sourceMappingURL=registry.js.map