"""Closed vocabularies of the arms area (pure).

The weapon types follow the categories of the UN Register of Conventional Arms (categories
I-VII for major conventional arms, and its small arms and light weapons categories, which the
Arms Trade Treaty, article 2(1), takes over)."""

from __future__ import annotations

from enum import StrEnum


class WeaponClass(StrEnum):
    SMALL_ARM = "small_arm"
    LIGHT_WEAPON = "light_weapon"
    HEAVY_WEAPON = "heavy_weapon"


class WeaponType(StrEnum):
    # small arms
    REVOLVER_PISTOL = "revolver_or_self_loading_pistol"
    RIFLE_CARBINE = "rifle_or_carbine"
    ASSAULT_RIFLE = "assault_rifle"
    SUB_MACHINE_GUN = "sub_machine_gun"
    LIGHT_MACHINE_GUN = "light_machine_gun"
    OTHER_SMALL_ARM = "other_small_arm"
    # light weapons
    HEAVY_MACHINE_GUN = "heavy_machine_gun"
    GRENADE_LAUNCHER = "grenade_launcher"
    PORTABLE_ANTI_TANK_GUN = "portable_anti_tank_gun"
    RECOILLESS_RIFLE = "recoilless_rifle"
    PORTABLE_ANTI_TANK_LAUNCHER = "portable_anti_tank_missile_or_rocket_launcher"
    PORTABLE_ANTI_AIRCRAFT_LAUNCHER = "portable_anti_aircraft_missile_launcher"
    MORTAR_UNDER_75MM = "mortar_under_75mm"
    OTHER_LIGHT_WEAPON = "other_light_weapon"
    # heavy weapons: UN Register categories I-VII
    BATTLE_TANK = "battle_tank"
    ARMOURED_COMBAT_VEHICLE = "armoured_combat_vehicle"
    LARGE_CALIBRE_ARTILLERY = "large_calibre_artillery"
    COMBAT_AIRCRAFT = "combat_aircraft"
    ATTACK_HELICOPTER = "attack_helicopter"
    WARSHIP = "warship"
    MISSILE_OR_LAUNCHER = "missile_or_missile_launcher"

    @property
    def weapon_class(self) -> WeaponClass:
        return CLASS_OF[self]


_SMALL = {"revolver", "rifle", "assault", "sub_machine", "light_machine", "other_small"}
_LIGHT = {"heavy_machine", "grenade", "portable", "recoilless", "mortar", "other_light"}


def _class_of(kind: WeaponType) -> WeaponClass:
    if any(kind.value.startswith(prefix) for prefix in _SMALL):
        return WeaponClass.SMALL_ARM
    if any(kind.value.startswith(prefix) for prefix in _LIGHT):
        return WeaponClass.LIGHT_WEAPON
    return WeaponClass.HEAVY_WEAPON


CLASS_OF: dict[WeaponType, WeaponClass] = {kind: _class_of(kind) for kind in WeaponType}


class Condition(StrEnum):
    SERVICEABLE = "serviceable"
    DAMAGED = "damaged"
    UNSERVICEABLE = "unserviceable"
    INCOMPLETE = "incomplete"
    UNKNOWN = "unknown"


class MarkingKind(StrEnum):
    SERIAL = "serial"
    FACTORY = "factory_mark"
    YEAR = "year_of_manufacture"
    IMPORT = "import_mark"
    OTHER = "other"


class EventKind(StrEnum):
    HANDED_IN = "handed_in"
    RECEIVED = "received"
    MOVED = "moved"
    ISSUED = "issued"
    RETURNED = "returned"
    REPORTED_LOST = "reported_lost"
    REPORTED_STOLEN = "reported_stolen"
    RECOVERED = "recovered"
    DESTROYED = "destroyed"


class CustodyStatus(StrEnum):
    HANDED_IN = "handed_in"  # at a collection point, not yet in a store
    STORED = "stored"
    ISSUED = "issued"
    MISSING = "missing"  # reported lost or stolen
    DESTROYED = "destroyed"


class PermitStatus(StrEnum):
    REQUESTED = "requested"
    REFUSED = "refused"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


class PermitAction(StrEnum):
    APPROVE = "approve"
    REFUSE = "refuse"
    RENEW = "renew"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"
    REVOKE = "revoke"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
