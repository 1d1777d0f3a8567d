#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes data/fleets/demo.json, the example fleet `bladesimd --example-fleet` prints.

Three chassis (BS2000, BS500, BS320), 10 blades, ~44 LPARs.  Some LPARs and blades are
deliberately wrong so that every kind of check has something to say in the demo: see the
"why" comments below.  Deterministic: run it again and the file does not change.
"""
import json
import sys

NTP = ["192.168.253.50"]


def wwn(prefix, chassis, slot, n):
    return "%s%02x%02x%04x" % (prefix, chassis, slot, n)


def mac(chassis, slot, lpar, nic):
    return "00:00:87:%02x:%02x:%02x" % (chassis * 16 + slot, lpar, nic)


def nic_cards(chassis_type, speed_1a=1000):
    onboard = {
        "slot": 1, "location": "Onboard", "device_name": "Intel 82576 1Gb",
        "card_kind": "onboard", "pci_address": "0000:01:00.0",
        "hardware_id": "8086:10c9:01:000c8086", "scheduling_mode": "shared",
        "speed_mbps": speed_1a, "vendor": "Intel",
        "ports": [{"port": 0, "segment": "1a", "state": "U", "link": True, "packet_filter": False},
                  {"port": 1, "segment": "1b", "state": "U", "link": True, "packet_filter": False}],
    }
    mezz = {
        "slot": 2, "location": "Mezzanine 1", "device_name": "Emulex 10Gb",
        "card_kind": "mezzanine", "pci_address": "0000:0b:00.0",
        "hardware_id": "19a2:0710:02:e72a10df", "scheduling_mode": "shared",
        "speed_mbps": 10000, "vendor": "Emulex",
        "ports": [{"port": 0, "segment": "2a", "state": "U", "link": True, "packet_filter": False},
                  {"port": 1, "segment": "2b", "state": "U", "link": True, "packet_filter": False}],
    }
    return [onboard, mezz]


def fc_hbas(fw="38-04-54", kind="8Gbps"):
    return [{
        "slot": 3, "location": "Mezzanine 2", "device_name": "Hitachi FC 8Gbps 2port",
        "card_kind": "mezzanine", "type": kind, "pci_address": "0000:0d:00.0",
        "hardware_id": "1054:3020:01:5a111054", "scheduling_mode": "shared",
        "firmware": fw, "connection": "npiv-switch-p2p", "storage": "AMS2500-85011234:0A",
        "ports": [{"port": 0, "state": "A", "link": True, "vfc_ids": 16},
                  {"port": 1, "state": "A", "link": True, "vfc_ids": 16}],
    }]


def lpar(ch, slot, number, name, status="Activate", memory=4096, cpus=2, os=("RHEL", "6.5", "x64"),
         driver="4.6.17.2120", vnics=("1a", "1b"), extra=None):
    l = {
        "number": number, "name": name, "status": status,
        "cpu": {"mode": "shared", "count": cpus, "group": 0, "service_rate": 100,
                "capping": False, "idle_detection": True, "processor_node": "A"},
        "memory_mb": memory, "memory_node": "A",
        "auto_activation_order": number, "auto_clear": False, "pre_boot": False,
        "virtual_console": {"enabled": True, "port": 20800 + number},
        "vnic_device_type": "NIC1",
        "vnics": [{"number": i, "segment": s, "vlan_mode": "untag", "vlan_ids": [],
                   "promiscuous": False, "mac": mac(ch, slot, number, i)}
                  for i, s in enumerate(vnics)],
        "fcs": [{"slot": 3, "port": 0, "vfcid": number, "wwpn": wwn("50000870", ch, slot, number * 2),
                 "wwnn": wwn("50000880", ch, slot, number * 2),
                 "migration_wwpn": wwn("50000890", ch, slot, number * 2), "wwn_status": "normal"}],
        "usb": {"device": None, "state": "*"},
        "guest": {"os": os[0], "version": os[1], "arch": os[2], "fc_driver": driver,
                  "workload": {"dirty_mb_per_s": 20, "working_set_mb": 256, "content": "text"}},
    }
    if extra:
        for key, value in extra.items():
            if isinstance(value, dict) and isinstance(l.get(key), dict):
                l[key].update(value)
            else:
                l[key] = value
    return l


def blade(ch_index, slot, hvm_id, platform, model, hvm_fw, efi, hvm_model, lpars, **kw):
    b = {
        "id": hvm_id,
        "address": "127.10.%d.%d" % (ch_index, slot + 1),
        "port": 23250,
        "slot": slot, "partition": slot, "blade_count": 1,
        "platform": platform, "model": model,
        "processor_type": kw.pop("processor_type", "5600"),
        "firmware": {"hvm": hvm_fw, "efi": efi, "bmc": "02-35", "migration_version": "3.4"},
        "efi_settings": {"Hyper-Threading": "Enable", "Turbo Mode": "Enable", "iSCSI OPROM": "Disable"},
        "hvm": {"model": hvm_model, "operating_mode": kw.pop("operating_mode", "Standard"),
                "time_zone": kw.pop("time_zone", "+09:00"), "ntp_servers": NTP,
                "security_strength": {"hcsm": "Default", "hvmsh": "Default"},
                "vnic_system_no": kw.pop("vnic_system_no", 10 + ch_index * 16 + slot),
                "max_lpars": 16, "max_activated_lpars": 16, "migrations_as_destination": 0,
                "processor_groups": True, "vc_ports": 16},
        "cpu": {"physical_count": 16, "frequency_ghz": 2.93, "smt": True, "scheduling_mode": "Standard",
                "cpuid": {"00000000h": "0000000b756e6547", "00000001h": "000206c2",
                          "80000000h": "80000008", "80000001h": "2c100800"},
                "groups": [{"number": 0, "name": "GROUP0", "cpus": 12},
                           {"number": 1, "name": "DB", "cpus": 4}]},
        "memory_mb": kw.pop("memory_mb", 65536),
        "nics": nic_cards(None),
        "fc_hbas": fc_hbas(),
        "usb_devices": [0],
        "management_path": {"segment": "1a", "ip": "127.10.%d.%d" % (ch_index, slot + 1),
                            "mask": "255.255.0.0", "speed_mbps": 1000},
        "migration_paths": [{"primary": True, "name": "MIGPATH", "segment": "2b", "slot": 2, "port": 1,
                             "pci_address": "0b:00.1",
                             "ip": "127.20.%d.%d" % (ch_index, slot + 1), "mask": "255.255.0.0",
                             "chassis_id": None}],
        "path_rate_mbps": 1000,
        "lpars": lpars,
        "logs": [{"seq": 1, "time": "2026-11-20T09:00:00+09:00", "level": "Info",
                  "event": "HVM detected available Shared FC Link.",
                  "detail": "Shared FC Link is Available. (Slot= 3, Port= 0)"},
                 {"seq": 2, "time": "2026-11-20T09:00:01+09:00", "level": "Info",
                  "event": "HVM detected available Shared FC Link.",
                  "detail": "Shared FC Link is Available. (Slot= 3, Port= 1)"}],
    }
    b["migration_paths"][0]["chassis_id"] = kw.pop("chassis_id")
    for key, value in kw.items():
        b[key] = value
    return b


def chassis_bs2000():
    c = 1
    ch = "CH-BS2000"
    blades = [
        blade(c, 0, "HVM-A01", "standard", "A2", "59-71", "03-12", "Enterprise", chassis_id=ch, lpars=[
            lpar(c, 0, 1, "WEB01"),
            lpar(c, 0, 2, "WEB02", memory=2048),
            lpar(c, 0, 3, "DB01", memory=8192, cpus=4, extra={"cpu": {"group": 1}}),
            lpar(c, 0, 4, "BATCH01", status="Deactivate"),
            # why: a name the manual forbids moving (表 2-6)
            lpar(c, 0, 5, "NO_NAME", status="Deactivate"),
            lpar(c, 0, 6, "APP01", os=("Windows", "2012", "x64"), driver="4.3.6.900"),
        ]),
        blade(c, 1, "HVM-A02", "standard", "A2", "59-71", "03-12", "Enterprise", chassis_id=ch, lpars=[
            lpar(c, 1, 1, "WEB11"),
            # why: same name as an LPAR on HVM-A01 (unique-name check)
            lpar(c, 1, 2, "DB01", status="Deactivate", memory=8192),
            # why: a failed LPAR is never movable (表 2-9, 2-54)
            lpar(c, 1, 3, "MAIL01", status="Failure"),
            # why: left corrupted by an earlier failed move: needs recovery (§3.1.2)
            lpar(c, 1, 4, "LOG01", status="Deactivate", extra={"recovery_required": True}),
            # why: USB in use blocks Concurrent Maintenance (表 8-1 #35)
            lpar(c, 1, 5, "DEV01", extra={"usb": {"device": 0, "state": "R"}}),
        ]),
        # why: an older firmware: Concurrent needs exact EFI; 59-61 vs 59-71 allowed by 表 2-71
        blade(c, 2, "HVM-A03", "standard", "A2", "59-61", "03-10", "Enterprise", chassis_id=ch, lpars=[
            lpar(c, 2, 1, "FILE01", memory=2048),
            # why: a VF NIC is Shutdown-only (表 2-53)
            lpar(c, 2, 2, "NFV01", extra={"vf_nics": [{"number": 4, "segment": "2a", "vlan_mode": "tag",
                                                         "vlan_ids": [200], "mac": mac(c, 2, 2, 9)}]}),
            # why: RHEL 5.6 is not supported for Concurrent Maintenance (表 2-55)
            lpar(c, 2, 3, "LEGACY01", os=("RHEL", "5.6", "x64"), driver="4.5.16.1270"),
            lpar(c, 2, 4, "CACHE01", memory=1024),
        ]),
        # why: HVM model Essential cannot do Concurrent Maintenance (表 2-85)
        blade(c, 3, "HVM-A04", "standard", "A2", "59-71", "03-12", "Essential", chassis_id=ch, lpars=[
            lpar(c, 3, 1, "TEST01", status="Deactivate"),
            lpar(c, 3, 2, "TEST02"),
        ]),
    ]
    return {"id": ch, "type": "BS2000", "serial": "BS2K-0012345", "svp_firmware": "A0355",
            "dictionary_version": "00080", "blades": blades}


def chassis_bs500():
    c = 2
    ch = "CH-BS500"
    fw = "01-90"
    blades = [
        blade(c, 0, "HVM-B01", "BS520H", "A1", fw, "07-20", "Advanced", chassis_id=ch,
              operating_mode="Expansion", lpars=[
            lpar(c, 0, 1, "ERP01", memory=8192, cpus=4, os=("Windows", "2012 R2", "x64"), driver="4.3.7.1110"),
            lpar(c, 0, 2, "ERP02", memory=4096, os=("Windows", "2012 R2", "x64"), driver="4.3.7.1110"),
            # why: Virtual NIC Number 8-15 cannot go to a Standard-mode HVM (§2.2.2.8 Case2)
            lpar(c, 0, 3, "NET01", vnics=(), extra={"vnics": [
                {"number": 12, "segment": "1a", "vlan_mode": "untag", "vlan_ids": [], "mac": mac(c, 0, 3, 12)},
                {"number": 13, "segment": "1b", "vlan_mode": "untag", "vlan_ids": [], "mac": mac(c, 0, 3, 13)}]}),
            lpar(c, 0, 4, "CRM01"),
            lpar(c, 0, 5, "CRM02", status="Deactivate"),
        ]),
        blade(c, 1, "HVM-B02", "BS520H", "A1", fw, "07-20", "Advanced", chassis_id=ch,
              operating_mode="Expansion", lpars=[
            lpar(c, 1, 1, "WEB21"),
            lpar(c, 1, 2, "WEB22"),
            lpar(c, 1, 3, "BI01", memory=16384, cpus=4),
        ]),
        # why: 01-81 → 01-90 and back: allowed with the 表 2-78 footnotes
        blade(c, 2, "HVM-B03", "BS520H", "A1", "01-81", "07-10", "Advanced", chassis_id=ch, lpars=[
            lpar(c, 2, 1, "WEB31"),
            lpar(c, 2, 2, "MQ01", memory=2048),
            lpar(c, 2, 3, "MQ02", memory=2048, status="Deactivate"),
            # why: dedicated NIC assignment cannot move (表 8-3 #6)
            lpar(c, 2, 4, "HPC01", extra={"dedicated_devices": ["NIC slot 2"]}),
        ]),
        # why: a different time zone and no migration path: refused until fixed (表 2-7, 2-91)
        blade(c, 3, "HVM-B04", "BS520H", "A1", fw, "07-20", "Advanced", chassis_id=ch, time_zone="+00:00",
              migration_paths=[], lpars=[
            lpar(c, 3, 1, "SPARE01", status="Deactivate", memory=2048),
        ]),
    ]
    return {"id": ch, "type": "BS500", "serial": "BS5-0098765", "svp_firmware": "A0140",
            "dictionary_version": "00081", "blades": blades}


def chassis_bs320():
    c = 3
    ch = "CH-BS320"
    blades = []
    for slot, (hid, fw) in enumerate([("HVM-C01", "17-92"), ("HVM-C02", "17-92")]):
        lp = [lpar(c, slot, n + 1, "%s%d" % (name, slot + 1), status=st, memory=2048,
                   os=("RHEL", "6.4", "x64"), driver="4.6.17.2114")
              for n, (name, st) in enumerate([("OPS0", "Activate"), ("OPS1", "Deactivate"),
                                               ("OPS2", "Activate")])]
        b = blade(c, slot, hid, "BS320", "P5", fw, "04-33", "Standard", chassis_id=ch, lpars=lp,
                  processor_type="5600", memory_mb=32768)
        b["firmware"]["bios_series"] = "G16"
        b["migration_paths"] = []
        blades.append(b)
    # why: OPS12 was left on its migration WWN by a live move that failed (表 7-2 #11): until
    # Rollback WWN (§3.2.4) puts it back, no LPAR of HVM-C02 can migrate
    blades[1]["lpars"][1]["fcs"][0]["wwn_status"] = "migration"
    return {"id": ch, "type": "BS320", "serial": "BS320-004411", "svp_firmware": "A0135",
            "dictionary_version": "00070", "blades": blades}


def main():
    fleet = {
        "format": "bladenav-fleet/1",
        "name": "demo",
        "timing": "demo",
        "chassis": [chassis_bs2000(), chassis_bs500(), chassis_bs320()],
    }
    out = sys.argv[1] if len(sys.argv) > 1 else "data/fleets/demo.json"
    with open(out, "w") as f:
        json.dump(fleet, f, indent=1, ensure_ascii=False)
        f.write("\n")
    n = sum(len(b["lpars"]) for c in fleet["chassis"] for b in c["blades"])
    print("%s: %d chassis, %d blades, %d LPARs" % (
        out, len(fleet["chassis"]), sum(len(c["blades"]) for c in fleet["chassis"]), n))


if __name__ == "__main__":
    main()
