"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RiskAlertEscalatedV1Contract = exports.RiskAlertEscalatedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const identifiers_1 = require("../../shared/identifiers");
class RiskAlertEscalatedV1Payload {
    alertId;
    episodeId;
    organisationId;
    raisedAt;
    acknowledgeWithinMinutes;
    escalatedAt;
}
exports.RiskAlertEscalatedV1Payload = RiskAlertEscalatedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], RiskAlertEscalatedV1Payload.prototype, "alertId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], RiskAlertEscalatedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], RiskAlertEscalatedV1Payload.prototype, "organisationId", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], RiskAlertEscalatedV1Payload.prototype, "raisedAt", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    __metadata("design:type", Number)
], RiskAlertEscalatedV1Payload.prototype, "acknowledgeWithinMinutes", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], RiskAlertEscalatedV1Payload.prototype, "escalatedAt", void 0);
exports.RiskAlertEscalatedV1Contract = (0, contract_1.defineContract)({
    type: 'outcomes.risk-alert-escalated',
    version: 1,
    producer: 'outcomes',
    payload: RiskAlertEscalatedV1Payload,
    description: 'A risk alert was not acknowledged in time and was escalated.',
});
//# sourceMappingURL=risk-alert-escalated.contract.js.map