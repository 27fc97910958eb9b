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
exports.AppointmentBookedV1Contract = exports.AppointmentBookedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class AppointmentBookedV1Payload {
    appointmentId;
    episodeId;
    slotId;
    organisationId;
    clinicianId;
    purpose;
    mode;
    startsAt;
    endsAt;
    bookedAt;
}
exports.AppointmentBookedV1Payload = AppointmentBookedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "appointmentId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "slotId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "organisationId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "clinicianId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.APPOINTMENT_PURPOSES),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "purpose", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.APPOINTMENT_MODES),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "mode", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "startsAt", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "endsAt", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentBookedV1Payload.prototype, "bookedAt", void 0);
exports.AppointmentBookedV1Contract = (0, contract_1.defineContract)({
    type: 'scheduling.appointment-booked',
    version: 1,
    producer: 'scheduling',
    payload: AppointmentBookedV1Payload,
    description: 'An appointment was booked into a free slot of a clinician’s diary.',
});
//# sourceMappingURL=appointment-booked.contract.js.map