#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the fixture fleets of tests/checks (bladenav-fleet/1, data/fleet.schema.json).

Each fleet holds source/destination blades that pass every check in both modes; the
tests change one value at a time to reach the allowed and refused cells of each table.
Run it from anywhere; the JSON files it writes next to itself are what the tests read.
"""
import copy, json, os

HERE = os.path.dirname(os.path.abspath(__file__))

def nic(slot, name, kind, pci, hwid, speed, vendor, ports=2, state="U"):
    return {"slot": slot, "location": "Onboard" if kind == "onboard" else "Mezzanine %d" % slot,
            "device_name": name, "card_kind": kind, "pci_address": pci, "hardware_id": hwid,
            "scheduling_mode": "shared", "speed_mbps": speed, "vendor": vendor,
            "ports": [{"port": p, "segment": "%d%s" % (slot, "abcd"[p]), "state": state,
                       "link": True, "packet_filter": False} for p in range(ports)]}

def hba(slot, fc_type="8Gbps", firmware="38-04-54", storage="AMS2500-85011234:0A"):
    return {"slot": slot, "location": "Mezzanine %d" % slot,
            "device_name": "Hitachi FC %s 2port" % fc_type, "card_kind": "mezzanine",
            "type": fc_type, "pci_address": "0000:0d:00.0", "hardware_id": "1054:3020:01:5a111054",
            "scheduling_mode": "shared", "firmware": firmware, "connection": "npiv-switch-p2p",
            "storage": storage,
            "ports": [{"port": p, "state": "A", "link": True, "vfc_ids": 16} for p in range(2)]}

def lpar(number, name, status, cpus=2, mode="shared", memory=4096, segments=("1a", "1b"),
         fcs=((3, 0),), base=0, os_="RHEL", version="6.5", driver="4.6.17.2120"):
    l = {"number": number, "name": name, "status": status,
         "cpu": {"mode": mode, "count": cpus, "group": 0},
         "memory_mb": memory, "vnic_device_type": "NIC1",
         "virtual_console": {"enabled": False, "port": None},
         "vnics": [{"number": i, "segment": s, "vlan_mode": "untag", "vlan_ids": [],
                    "promiscuous": False, "mac": "00:00:87:%02x:%02x:%02x" % (base, number, i)}
                   for i, s in enumerate(segments)],
         "fcs": [{"slot": s, "port": p, "vfcid": 2 + i + number * 2,
                  "wwpn": "50000870%02x%02x%04x" % (base, number, i),
                  "wwnn": "50000880%02x%02x%04x" % (base, number, i),
                  "migration_wwpn": "50000890%02x%02x%04x" % (base, number, i),
                  "wwn_status": "normal"} for i, (s, p) in enumerate(fcs)],
         "usb": {"device": None, "state": "*"},
         "guest": {"os": os_, "version": version, "arch": "x64", "fc_driver": driver}}
    return l

def blade(id_, address, slot, platform, model, hvm_fw, efi, hvm_model, path_ip, lpars,
          mgmt_ip, sysno, processor_type=None, blade_count=1, nics=None, hbas=None,
          mode="Expansion", bios_series=None, max_lpars=16, cpus=16):
    b = {"id": id_, "address": address, "slot": slot, "partition": slot, "blade_count": blade_count,
         "platform": platform, "model": model,
         "firmware": {"hvm": hvm_fw, "efi": efi, "bmc": "02-35", "migration_version": "3.4"},
         "efi_settings": {"Hyper-Threading": "Enable", "Turbo Mode": "Enable", "iSCSI OPROM": "Disable"},
         "hvm": {"model": hvm_model, "operating_mode": mode, "time_zone": "+09:00",
                 "ntp_servers": ["192.168.253.50"],
                 "security_strength": {"hcsm": "Default", "hvmsh": "Default"},
                 "vnic_system_no": sysno, "max_lpars": max_lpars, "max_activated_lpars": max_lpars,
                 "migrations_as_destination": 0, "processor_groups": True, "vc_ports": 16},
         "cpu": {"physical_count": cpus, "frequency_ghz": 2.93, "smt": True,
                 "scheduling_mode": "Standard",
                 "cpuid": {"00000000h": "0000000b756e6547", "00000001h": "000206c2",
                           "80000000h": "80000008", "80000001h": "2c100800"},
                 "groups": [{"number": 0, "name": "GROUP0", "cpus": cpus - 4},
                            {"number": 1, "name": "DB", "cpus": 4}]},
         "memory_mb": 65536,
         "nics": nics if nics is not None else [
             nic(1, "Intel 82576 1Gb", "onboard", "0000:01:00.0", "8086:10c9:01:000c8086", 1000, "Intel"),
             nic(2, "Intel 82599 10Gb", "mezzanine", "0000:0b:00.0", "8086:10fb:01:000c8086", 10000, "Intel")],
         "fc_hbas": hbas if hbas is not None else [hba(3)],
         "usb_devices": [0],
         "management_path": {"segment": "1a", "ip": mgmt_ip, "mask": "255.255.0.0", "speed_mbps": 1000},
         "migration_paths": [{"primary": True, "name": "MIGPATH", "segment": "2b", "slot": 2, "port": 1,
                              "pci_address": "0b:00.1", "ip": path_ip, "mask": "255.255.0.0",
                              "vlan": 100}],
         "lpars": lpars}
    if processor_type:
        b["processor_type"] = processor_type
    if bios_series:
        b["firmware"]["bios_series"] = bios_series
    return b

def chassis(id_, type_, serial, blades, dictionary="00080"):
    return {"id": id_, "type": type_, "serial": serial, "svp_firmware": "A0355",
            "dictionary_version": dictionary, "blades": blades}

def fleet(name, chassis_list):
    return {"format": "bladenav-fleet/1", "name": name, "timing": "fast", "chassis": chassis_list}

def write(name, doc):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")

def pair(prefix, platform, model, fw, efi, hvm_model, chassis_type, base_octet, **kw):
    """A source blade with two LPARs and two destinations: one in the same chassis
    (slot 1, LPAR 1 taken so Auto picks 2) and one in a second chassis (empty)."""
    src = blade("%s-SRC" % prefix, "127.%d.1.1" % base_octet, 0, platform, model, fw, efi, hvm_model,
                "127.%d.2.1" % (base_octet + 1),
                [lpar(1, "WEB01", "Activate", base=base_octet),
                 lpar(2, "DB01", "Deactivate", cpus=2, mode="dedicated", memory=8192,
                      fcs=((3, 1),), base=base_octet)],
                "127.%d.1.1" % base_octet, 26, **kw)
    dst = blade("%s-DST" % prefix, "127.%d.1.2" % base_octet, 1, platform, model, fw, efi, hvm_model,
                "127.%d.2.2" % (base_octet + 1),
                [lpar(1, "APP01", "Activate", base=base_octet + 1)],
                "127.%d.1.2" % base_octet, 27, **kw)
    far = blade("%s-FAR" % prefix, "127.%d.1.3" % base_octet, 0, platform, model, fw, efi, hvm_model,
                "127.%d.2.3" % (base_octet + 1), [], "127.%d.1.3" % base_octet, 28, **kw)
    return [chassis("%s-CH1" % prefix, chassis_type, "%s-0001" % prefix, [src, dst]),
            chassis("%s-CH2" % prefix, chassis_type, "%s-0002" % prefix, [far])]

write("bs2000.json", fleet("checks-bs2000",
      pair("STD", "standard", "A2", "59-71", "03-12", "Enterprise", "BS2000", 10, processor_type="5600")))
write("bs2000-hp.json", fleet("checks-bs2000-hp",
      pair("HP", "high-performance", "A1/E1", "79-71", "03-12", "Enterprise", "BS2000", 20)))
write("bs320.json", fleet("checks-bs320",
      pair("P5", "BS320", "P5", "17-92", "01-05", "Standard", "BS320", 30, processor_type="5600",
           bios_series="G15")))
write("bs500.json", fleet("checks-bs500",
      pair("H", "BS520H", "A1", "01-90", "05-10", "Advanced", "BS500", 40)))

# The manual's own examples of §2.2.1.2.6 / §2.2.2.8 (図 2-2 … 2-5, 図 2-12 … 2-15): the
# LPARs of each figure on one source blade, and destinations in Standard and Expansion mode.
four = [nic(n, "Intel 82576 1Gb", "onboard" if n == 1 else "mezzanine", "0000:%02x:00.0" % n,
            "8086:10c9:01:000c8086", 1000, "Intel") for n in (1, 2, 3)] + \
       [nic(4, "Intel 82599 10Gb", "mezzanine", "0000:0b:00.0", "8086:10fb:01:000c8086", 10000, "Intel")]
def fig_lpar(number, name, segments):
    l = lpar(number, name, "Activate", segments=(), fcs=(), base=50)
    l["vnics"] = [{"number": n, "segment": s, "vlan_mode": "untag", "vlan_ids": [], "promiscuous": False,
                   "mac": "00:00:87:32:%02x:%02x" % (number, n)} for n, s in segments]
    return l
fig_lpars = [
    # 図 2-2 / 2-12: LPAR1 1a 1b * 4a 4b; LPAR2 1a 1b 3a 3b; LPAR3 1a 1b 2a Va 2b (Case 1)
    fig_lpar(1, "LPAR1", [(0, "1a"), (1, "1b"), (3, "4a"), (4, "4b")]),
    fig_lpar(2, "LPAR2", [(0, "1a"), (1, "1b"), (2, "3a"), (3, "3b")]),
    fig_lpar(3, "LPAR3", [(0, "1a"), (1, "1b"), (2, "2a"), (3, "Va"), (4, "2b")]),
    # 図 2-3 / 2-13: C2B4L02 1a on #12, 1b on #13 (Case 2)
    fig_lpar(4, "C2B4L02", [(12, "1a"), (13, "1b")]),
    # 図 2-4 / 2-14: LPAR02 1a on #0 … #6 and 1b (Case 3)
    fig_lpar(5, "LPAR02", [(n, "1a") for n in range(7)] + [(7, "1b")]),
    # 図 2-5 / 2-15: LPAR02 1a only (Case 4)
    fig_lpar(6, "LPAR02-1A", [(0, "1a")]),
]
def fig_blade(id_, address, slot, mode, lpars, fw="59-71", sysno=30):
    b = blade(id_, address, slot, "standard", "A1", fw, "03-12", "Enterprise", "127.61.2.%d" % (slot + 1),
              lpars, address, sysno, nics=copy.deepcopy(four), hbas=[hba(3)], mode=mode)
    b["migration_paths"][0].update({"segment": "4b", "slot": 4})
    return b
write("figures.json", fleet("checks-figures", [chassis("FIG-CH", "BS2000", "FIG-0001", [
    fig_blade("FIG-SRC", "127.60.1.1", 0, "Expansion", fig_lpars),
    fig_blade("FIG-STD", "127.60.1.2", 1, "Standard", [], sysno=31),
    fig_blade("FIG-EXP", "127.60.1.3", 2, "Expansion", [], sysno=32),
    fig_blade("FIG-OLD", "127.60.1.4", 3, "Expansion", [], fw="58-70", sysno=33)])]))
