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
exports.AppointmentRescheduledV1Contract = exports.AppointmentRescheduledV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const identifiers_1 = require("../../shared/identifiers");
class AppointmentRescheduledV1Payload {
    appointmentId;
    episodeId;
    fromSlotId;
    toSlotId;
    organisationId;
    startsAt;
    endsAt;
    rescheduledAt;
}
exports.AppointmentRescheduledV1Payload = AppointmentRescheduledV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentRescheduledV1Payload.prototype, "appointmentId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentRescheduledV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentRescheduledV1Payload.prototype, "fromSlotId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentRescheduledV1Payload.prototype, "toSlotId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], AppointmentRescheduledV1Payload.prototype, "organisationId", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentRescheduledV1Payload.prototype, "startsAt", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentRescheduledV1Payload.prototype, "endsAt", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentRescheduledV1Payload.prototype, "rescheduledAt", void 0);
exports.AppointmentRescheduledV1Contract = (0, contract_1.defineContract)({
    type: 'scheduling.appointment-rescheduled',
    version: 1,
    producer: 'scheduling',
    payload: AppointmentRescheduledV1Payload,
    description: 'A booked appointment was moved to another slot.',
});
//# sourceMappingURL=appointment-rescheduled.contract.js.map